namespace NearshoreHub.Web.Features.Common;

/// <summary>
/// Guards free-text CSV cells against spreadsheet formula injection (OWASP "CSV Injection"): a cell that a spreadsheet
/// would run as a formula (starting with =, +, -, @, tab or carriage return) is written with a leading single quote.
/// </summary>
/// <remarks>
/// The guard must be reversible so that export → import → export is the identity: a value that already starts with
/// quotes followed by a trigger character gets one more quote, and <see cref="Unguard"/> removes exactly one quote when
/// quotes are followed by a trigger. Any other value, including one that merely starts with a quote, passes unchanged.
/// Numbers are written by the exporters themselves and never guarded: a negative number is data, not a formula.
/// </remarks>
public static class SpreadsheetSafeCsv
{
    private const string Triggers = "=+-@\t\r";

    public static string Guard(string value) => NeedsQuote(value) ? "'" + value : value;

    /// <summary>The inverse of <see cref="Guard"/>, for cells read back by the import.</summary>
    public static string Unguard(string value) => value.Length > 1 && value[0] == '\'' && NeedsQuote(value.AsSpan(1)) ? value[1..] : value;

    private static bool NeedsQuote(ReadOnlySpan<char> value)
    {
        var rest = value.TrimStart('\'');
        return rest.Length > 0 && Triggers.Contains(rest[0]);
    }

    /// <summary>Writes one RFC 4180 field (quoted when it holds a comma, quote or line break), guarded when it is text.</summary>
    public static void WriteField(TextWriter writer, string value, bool text)
    {
        if (text)
        {
            value = Guard(value);
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            writer.Write('"');
            writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            writer.Write('"');
        }
        else
        {
            writer.Write(value);
        }
    }
}
