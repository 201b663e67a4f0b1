namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// One string per repeated short value of a column, for <see cref="CsvRecordReader"/>: an import file repeats the same
/// countries, cities, time zones, hours, levels and statuses on row after row, and a new string for each was about half
/// of what reading the file allocated. A column whose values mostly differ (names, emails, populations) is judged after
/// its first <see cref="Judged"/> values and no longer looked up, so it costs a hash per field only while it is judged.
/// </summary>
internal sealed class CsvFieldStrings
{
    /// <summary>Columns past this many, and values longer than <see cref="MaxLength"/>, are always new strings.</summary>
    private const int MaxColumns = 64;

    public const int MaxLength = 48;

    /// <summary>Distinct values kept per column: a file cannot grow this beyond a few hundred kilobytes.</summary>
    private const int MaxValues = 1024;

    private const int Judged = 256;

    private readonly Column?[] _columns = new Column?[MaxColumns];

    /// <summary>The value of field <paramref name="column"/> (0 first) as a string, shared with the same value earlier in that column.</summary>
    public string Get(int column, ReadOnlySpan<char> value)
    {
        if (value.Length == 0)
        {
            return "";
        }

        if ((uint)column >= MaxColumns || value.Length > MaxLength)
        {
            return new string(value);
        }

        var values = _columns[column] ??= new Column();
        if (values.Off)
        {
            return new string(value);
        }

        if (values.BySpan.TryGetValue(value, out var shared))
        {
            values.Hits++;
            Judge(values);
            return shared;
        }

        var made = new string(value);
        values.Misses++;
        if (values.Strings.Count < MaxValues)
        {
            values.Strings.Add(made, made);
        }

        Judge(values);
        return made;
    }

    /// <summary>After <see cref="Judged"/> values, a column found mostly new values is no longer looked up.</summary>
    private static void Judge(Column values)
    {
        if (values.Hits + values.Misses == Judged && values.Hits < values.Misses)
        {
            values.Off = true;
            values.Strings.Clear();
        }
    }

    private sealed class Column
    {
        public readonly Dictionary<string, string> Strings;
        public readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BySpan;
        public int Hits;
        public int Misses;
        public bool Off;

        public Column()
        {
            Strings = new Dictionary<string, string>(StringComparer.Ordinal);
            BySpan = Strings.GetAlternateLookup<ReadOnlySpan<char>>();
        }
    }
}
