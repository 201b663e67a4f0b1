using System.Globalization;

namespace NearshoreHub.Matching;

/// <summary>The sentence that names the holidays behind an overlap (product spec §9).</summary>
public static class HolidayExplanation
{
    private const int MaxNamed = 6;

    /// <summary>
    /// "Shares 58 of the client's 59 working days: off on 2027-04-21 Tiradentes (BR); 2027-05-31 Memorial Day (US) is the
    /// client's own holiday." — or null when no day off touched the engagement.
    /// </summary>
    public static string? Explain(OverlapResult overlap)
    {
        ArgumentNullException.ThrowIfNull(overlap);
        if (overlap.Holidays.Count == 0)
        {
            return null;
        }

        var own = overlap.Holidays.Where(h => h.Side == HolidaySide.Professional).ToList();
        var client = overlap.Holidays.Where(h => h.Side == HolidaySide.Client).ToList();
        var text = $"Shares {overlap.SharedDays} of the client's {overlap.ClientWorkingDays} working days";
        var parts = new List<string>();
        if (own.Count > 0)
        {
            parts.Add("off on " + Join(own));
        }

        if (client.Count > 0)
        {
            parts.Add(Join(client) + (client.Count == 1 ? " is the client's own holiday" : " are the client's own holidays"));
        }

        return text + ": " + string.Join("; ", parts) + ".";
    }

    private static string Join(List<HolidayHit> hits)
    {
        var named = hits.Take(MaxNamed).Select(Describe).ToList();
        if (hits.Count > MaxNamed)
        {
            named.Add($"{hits.Count - MaxNamed} more");
        }

        return string.Join(", ", named);
    }

    private static string Describe(HolidayHit hit) =>
        hit.Date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture) + " " + hit.Name
        + (hit.Kind == HolidayKind.Closure ? " (closure)" : hit.Country is null ? "" : $" ({hit.Country})");
}
