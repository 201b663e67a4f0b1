using System.Buffers;
using System.Globalization;
using System.Text;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>Reading one record of the format into the API's request, with every problem named by its column.</summary>
public static partial class ProfessionalCsv
{
    /// <summary>
    /// Turns one record into an API request; fields that do not parse are left null and reported. <paramref name="names"/>,
    /// where given, makes each skill name's string (a file repeats the same few names on every row).
    /// </summary>
    public static ProfessionalRequest ToRequest(
        IReadOnlyList<string> fields, int[] positions, List<(string Field, string Message)> errors, Func<ReadOnlySpan<char>, string>? names = null)
    {
        string? Text(string column)
        {
            var position = positions[Array.IndexOf(Columns, column)];
            // Exported text carries a formula guard ('=…); drop exactly that so export → import keeps the value.
            return position < 0 || position >= fields.Count ? null : SpreadsheetSafeCsv.Unguard(fields[position]);
        }

        string? Optional(string column) => Text(column) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        T? Parse<T>(string column, TryParser<T> parser, string expected) where T : struct
        {
            var text = Optional(column);
            if (text is null)
            {
                return null;
            }

            if (parser(text, out var value))
            {
                return value;
            }

            errors.Add((column, $"'{Clip(text)}' is not {expected}."));
            return null;
        }

        var start = Parse<TimeOnly>("workStart", TryParseTime, "a time of day as HH:mm");
        var end = Parse<TimeOnly>("workEnd", TryParseTime, "a time of day as HH:mm");
        WorkingHoursDto? hours = start is { } s && end is { } e ? new WorkingHoursDto(s, e) : null;

        return new ProfessionalRequest(
            FullName: Optional("fullName"),
            Email: Optional("email"),
            Headline: Optional("headline"),
            Country: Optional("country"),
            City: Optional("city"),
            CityPopulation: Parse<int>("cityPopulation", (string t, out int v) => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v), "a whole number"),
            IsRural: Parse<bool>("isRural", TryParseBool, "true or false"),
            TimeZone: Optional("timeZone"),
            WorkingHours: hours,
            WorkingDays: Optional("workingDays") is { } days ? SplitList(days) : null,
            Skills: ParseSkills(Optional("skills"), errors, names),
            EnglishLevel: Parse<EnglishLevel>("englishLevel", TryParseEnum, "a CEFR level (A1, A2, B1, B2, C1, C2)"),
            Seniority: Parse<Seniority>("seniority", TryParseEnum, "one of junior, mid, senior, lead"),
            HourlyRateUsd: Parse<decimal>("hourlyRateUsd", (string t, out decimal v) => decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out v), "a decimal number such as 45.50"),
            AvailableFrom: Parse<DateOnly>("availableFrom", TryParseDate, "a date as YYYY-MM-DD"),
            HoursPerWeek: Parse<int>("hoursPerWeek", (string t, out int v) => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v), "a whole number"),
            Status: Parse<ProfessionalStatus>("status", TryParseEnum, "one of active, placed, inactive"));
    }

    private delegate bool TryParser<T>(string text, out T value);

    private static readonly string[] TimeFormats = ["HH:mm", "H:mm", "HH:mm:ss"];

    /// <summary>
    /// HH:mm, H:mm or HH:mm:ss. The usual spellings are read by hand: the general parser cost more than the rest of a
    /// row (it reads the clock on every call); anything else still goes to it, so both accept exactly the same.
    /// </summary>
    internal static bool TryParseTime(string text, out TimeOnly value) =>
        TryParseTimeDigits(text, out value) || TimeOnly.TryParseExact(text, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);

    private static bool TryParseTimeDigits(ReadOnlySpan<char> t, out TimeOnly value)
    {
        value = default;
        var hourDigits = t.Length >= 2 && t[1] == ':' ? 1 : 2;
        if (t.Length is not (4 or 5 or 8) || (hourDigits == 1 && t.Length != 4) || t[hourDigits] != ':'
            || !TwoDigits(t[..hourDigits], out var hour) || !TwoDigits(t.Slice(hourDigits + 1, 2), out var minute))
        {
            return false;
        }

        var second = 0;
        if (t.Length == 8 && (t[5] != ':' || !TwoDigits(t[6..], out second)))
        {
            return false;
        }

        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        value = new TimeOnly(hour, minute, second);
        return true;
    }

    /// <summary>yyyy-MM-dd, the common case by hand (see <see cref="TryParseTime"/>), the rest by the general parser.</summary>
    internal static bool TryParseDate(string text, out DateOnly value)
    {
        var t = text.AsSpan();
        if (t.Length == 10 && t[4] == '-' && t[7] == '-' && TwoDigits(t[..2], out var century) && TwoDigits(t[2..4], out var yearOfCentury)
            && TwoDigits(t[5..7], out var month) && TwoDigits(t[8..], out var day))
        {
            var year = (century * 100) + yearOfCentury;
            if (year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month))
            {
                value = new DateOnly(year, month, day);
                return true;
            }
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    /// <summary>One or two ASCII digits.</summary>
    private static bool TwoDigits(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return digits.Length is 1 or 2;
    }

    private static bool TryParseBool(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "true" or "1" or "yes":
                value = true;
                return true;
            case "false" or "0" or "no":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    private static bool TryParseEnum<T>(string text, out T value) where T : struct, Enum => EnumNames.TryParse(text, out value);

    /// <summary>The trimmed, non-empty items between ';' or ','; day names come back as the shared literals.</summary>
    private static List<string> SplitList(string text)
    {
        var items = new List<string>(7);
        var rest = text.AsSpan();
        while (true)
        {
            var end = rest.IndexOfAny(';', ',');
            var item = (end < 0 ? rest : rest[..end]).Trim();
            if (item.Length > 0)
            {
                items.Add(Shared(item));
            }

            if (end < 0)
            {
                return items;
            }

            rest = rest[(end + 1)..];
        }

        static string Shared(ReadOnlySpan<char> item)
        {
            foreach (var day in Reference.DayNames)
            {
                if (item.SequenceEqual(day))
                {
                    return day;
                }
            }

            return new string(item);
        }
    }

    /// <summary>"Java:4:6;React:3:2" — the name is everything before the last two colons, so names may hold a colon.</summary>
    private static List<SkillLevelRequest>? ParseSkills(string? text, List<(string Field, string Message)> errors, Func<ReadOnlySpan<char>, string>? names)
    {
        if (text is null)
        {
            return [];
        }

        var skills = new List<SkillLevelRequest>(text.AsSpan().Count(';') + 1);
        var rest = text.AsSpan();
        var i = 0;
        while (true)
        {
            var end = rest.IndexOf(';');
            var item = (end < 0 ? rest : rest[..end]).Trim();
            if (item.Length > 0)
            {
                var last = item.LastIndexOf(':');
                var middle = last > 0 ? item[..last].LastIndexOf(':') : -1;
                if (middle <= 0
                    || !TryParseSkillNumber(item.Slice(middle + 1, last - middle - 1), out var level)
                    || !TryParseSkillNumber(item[(last + 1)..], out var years))
                {
                    errors.Add(($"skills[{i}]", $"'{Clip(new string(item))}' is not name:level:years, such as Java:4:6."));
                    return null;
                }

                var name = item[..middle].Trim();
                skills.Add(new SkillLevelRequest(names is null ? new string(name) : names(name), level, years));
                i++;
            }

            if (end < 0)
            {
                return skills;
            }

            rest = rest[(end + 1)..];
        }
    }

    /// <summary>
    /// Digits, or a minus and digits: a negative level then gets the validator's range message. Other signs and spaces
    /// ("+3", " 3") are not numbers here, as in every other number column.
    /// </summary>
    private static bool TryParseSkillNumber(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        return !text.IsEmpty && text[0] != '+'
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    private static string Clip(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>Control characters as U+FFFD, so a NUL or an escape sequence from the file never reaches an answer or a page.</summary>
    private static string Visible(string text) => text.Any(char.IsControl) ? new string(text.Select(c => char.IsControl(c) ? '\uFFFD' : c).ToArray()) : text;
}
