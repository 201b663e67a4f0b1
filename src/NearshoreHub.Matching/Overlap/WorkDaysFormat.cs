using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>Parsing, formatting and NodaTime mapping for <see cref="WorkDays"/>.</summary>
public static class WorkDaysFormat
{
    private static readonly string[] ShortNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] LongNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static WorkDays FromIsoDayOfWeek(IsoDayOfWeek day) =>
        day is >= IsoDayOfWeek.Monday and <= IsoDayOfWeek.Sunday ? (WorkDays)(1 << ((int)day - 1)) : WorkDays.None;

    public static bool Includes(this WorkDays days, IsoDayOfWeek day) => (days & FromIsoDayOfWeek(day)) != 0;

    /// <summary>"Mon,Tue,Wed,Thu,Fri" in week order; an empty string for <see cref="WorkDays.None"/>.</summary>
    public static string Format(WorkDays days)
    {
        var parts = new List<string>(7);
        for (var i = 0; i < 7; i++)
        {
            if (((int)days & (1 << i)) != 0)
            {
                parts.Add(ShortNames[i]);
            }
        }

        return string.Join(',', parts);
    }

    /// <summary>Parses "Mon,Tue", "monday, friday", ranges "Mon-Fri", "Weekdays" and "All" (case-insensitive).</summary>
    public static WorkDays Parse(string text) =>
        TryParse(text, out var days) ? days : throw new FormatException($"'{text}' is not a list of week days such as Mon,Tue,Wed.");

    public static bool TryParse(string? text, out WorkDays days)
    {
        days = WorkDays.None;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var raw in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (raw.Equals("weekdays", StringComparison.OrdinalIgnoreCase))
            {
                days |= WorkDays.Weekdays;
                continue;
            }

            if (raw.Equals("all", StringComparison.OrdinalIgnoreCase))
            {
                days |= WorkDays.All;
                continue;
            }

            var dash = raw.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0)
            {
                var from = DayIndex(raw[..dash].Trim());
                var to = DayIndex(raw[(dash + 1)..].Trim());
                if (from < 0 || to < 0)
                {
                    days = WorkDays.None;
                    return false;
                }

                for (var i = from; ; i = (i + 1) % 7)
                {
                    days |= (WorkDays)(1 << i);
                    if (i == to)
                    {
                        break;
                    }
                }

                continue;
            }

            var index = DayIndex(raw);
            if (index < 0)
            {
                days = WorkDays.None;
                return false;
            }

            days |= (WorkDays)(1 << index);
        }

        return true;
    }

    private static int DayIndex(string token)
    {
        for (var i = 0; i < 7; i++)
        {
            if (token.Equals(ShortNames[i], StringComparison.OrdinalIgnoreCase) || token.Equals(LongNames[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
