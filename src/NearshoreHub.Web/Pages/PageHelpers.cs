using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using NodaTime;

namespace NearshoreHub.Web.Pages;

public static class PageHelpers
{
    /// <summary>
    /// Puts the API validators' errors ("skills[2].minLevel") on the form fields they belong to ("Input.Skills[2].MinLevel"),
    /// so each message shows beside its input. A path the form does not mirror can be renamed first.
    /// </summary>
    public static void AddFieldErrors(this ModelStateDictionary modelState, IDictionary<string, string[]> errors, string prefix = "Input", Func<string, string>? rename = null)
    {
        foreach (var (path, messages) in errors)
        {
            var formPath = rename?.Invoke(path) ?? path;
            var key = formPath.Length == 0 ? "" : prefix + "." + string.Join('.', formPath.Split('.').Select(Capitalize));
            foreach (var message in messages)
            {
                modelState.AddModelError(key, message);
            }
        }
    }

    /// <summary>IANA zones offered as suggestions; any valid id can still be typed.</summary>
    public static readonly IReadOnlyList<string> TimeZoneIds = DateTimeZoneProviders.Tzdb.Ids
        .Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static string Utc(DateTimeOffset? at) =>
        at is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "—";

    public static string Lower(Enum value) => value.ToString().ToLowerInvariant();

    private static string Capitalize(string segment) =>
        segment.Length == 0 ? segment : char.ToUpperInvariant(segment[0]) + segment[1..];
}

/// <summary>Previous/next links over an offset-paged list; the page builds the links so filters stay in the URL.</summary>
public sealed record Pager(int Offset, int Limit, int Total, Func<int, string?> LinkTo)
{
    public int From => Total == 0 ? 0 : Offset + 1;
    public int To => Math.Min(Offset + Limit, Total);
    public string? Previous => Offset > 0 ? LinkTo(Math.Max(0, Offset - Limit)) : null;
    public string? Next => Offset + Limit < Total ? LinkTo(Offset + Limit) : null;
}
