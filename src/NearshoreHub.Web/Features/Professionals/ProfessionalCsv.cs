using System.Buffers;
using System.Globalization;
using System.Text;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// The CSV format shared by import and export (RFC 4180, UTF-8, comma-separated, header row first).
/// Columns (any order, names case-insensitive):
/// fullName, email, headline, country, city, cityPopulation, isRural (true|false), timeZone (IANA id),
/// workStart and workEnd (HH:mm), workingDays (Mon;Tue;Wed;Thu;Fri), skills (name:level:years;name:level:years),
/// englishLevel (A1…C2), seniority (junior|mid|senior|lead), hourlyRateUsd (dot decimal), availableFrom (YYYY-MM-DD),
/// hoursPerWeek, status (active|placed|inactive).
/// Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab, CR) is exported with a leading
/// single quote, which the import removes again (<see cref="SpreadsheetSafeCsv"/>).
/// headline, isRural, workingDays, skills, hoursPerWeek and status may be left out or empty: they then take the API's
/// defaults (empty, false, Mon–Fri, none, 40, active).
/// </summary>
public static class ProfessionalCsv
{
    public static readonly string[] Columns =
    [
        "fullName", "email", "headline", "country", "city", "cityPopulation", "isRural", "timeZone", "workStart", "workEnd",
        "workingDays", "skills", "englishLevel", "seniority", "hourlyRateUsd", "availableFrom", "hoursPerWeek", "status",
    ];

    public static readonly string[] RequiredColumns =
    [
        "fullName", "email", "country", "city", "cityPopulation", "timeZone", "workStart", "workEnd",
        "englishLevel", "seniority", "hourlyRateUsd", "availableFrom",
    ];

    public const string ContentType = "text/csv";

    /// <summary>Maps each known column to its position in the file, or explains what is wrong with the header.</summary>
    public static int[]? MapHeader(IReadOnlyList<string> header, out string? problem)
    {
        var positions = new int[Columns.Length];
        Array.Fill(positions, -1);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            var index = Array.FindIndex(Columns, c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                // The cell is the file's, so it is shown clipped and with control characters made visible.
                problem = $"Unknown column '{Clip(Visible(name))}' in the header. Expected columns: {string.Join(",", Columns)}.";
                return null;
            }

            if (positions[index] >= 0)
            {
                problem = $"Column '{Columns[index]}' appears twice in the header.";
                return null;
            }

            positions[index] = i;
        }

        var missing = RequiredColumns.Where(c => positions[Array.IndexOf(Columns, c)] < 0).ToList();
        if (missing.Count > 0)
        {
            problem = $"The header lacks the required column(s) {string.Join(", ", missing)}. Expected columns: {string.Join(",", Columns)}.";
            return null;
        }

        problem = null;
        return positions;
    }

    /// <summary>Turns one record into an API request; fields that do not parse are left null and reported.</summary>
    public static ProfessionalRequest ToRequest(IReadOnlyList<string> fields, int[] positions, List<(string Field, string Message)> errors)
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
            Skills: ParseSkills(Optional("skills"), errors),
            EnglishLevel: Parse<EnglishLevel>("englishLevel", TryParseEnum, "a CEFR level (A1, A2, B1, B2, C1, C2)"),
            Seniority: Parse<Seniority>("seniority", TryParseEnum, "one of junior, mid, senior, lead"),
            HourlyRateUsd: Parse<decimal>("hourlyRateUsd", (string t, out decimal v) => decimal.TryParse(t, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out v), "a decimal number such as 45.50"),
            AvailableFrom: Parse<DateOnly>("availableFrom", TryParseDate, "a date as YYYY-MM-DD"),
            HoursPerWeek: Parse<int>("hoursPerWeek", (string t, out int v) => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out v), "a whole number"),
            Status: Parse<ProfessionalStatus>("status", TryParseEnum, "one of active, placed, inactive"));
    }

    /// <summary>Maps a validator path (workingHours.start, skills[2].level) to the CSV column it came from.</summary>
    public static string FieldOf(string validatorPath) => validatorPath switch
    {
        "workingHours" or "workingHours.start" => "workStart",
        "workingHours.end" => "workEnd",
        _ when validatorPath.StartsWith("workingDays", StringComparison.Ordinal) => "workingDays",
        _ => validatorPath,
    };

    public static void WriteHeader(TextWriter writer) => writer.Write(string.Join(',', Columns) + "\r\n");

    /// <summary>One record in column order; the import reads it back to exactly the same stored values.</summary>
    public static void WriteRecord(TextWriter writer, ExportRow row, Func<int, string?> skillName)
    {
        var skills = new StringBuilder();
        for (var i = 0; i < row.SkillIds.Length; i++)
        {
            var name = skillName(row.SkillIds[i]);
            if (name is null)
            {
                continue;
            }

            if (skills.Length > 0)
            {
                skills.Append(';');
            }

            skills.Append(name).Append(':').Append(row.SkillLevels[i].ToString(CultureInfo.InvariantCulture))
                .Append(':').Append(row.SkillYears[i].ToString(CultureInfo.InvariantCulture));
        }

        WriteField(writer, row.FullName, true, true);
        WriteField(writer, row.Email, true, true);
        WriteField(writer, row.Headline, true, true);
        WriteField(writer, row.Country, true, true);
        WriteField(writer, row.City, true, true);
        WriteField(writer, row.CityPopulation.ToString(CultureInfo.InvariantCulture), false, true);
        WriteField(writer, row.IsRural ? "true" : "false", false, true);
        WriteField(writer, row.TimeZone, true, true);
        WriteField(writer, FormatTime(row.WorkStart), false, true);
        WriteField(writer, FormatTime(row.WorkEnd), false, true);
        WriteField(writer, string.Join(';', Reference.FromMask(row.WorkDays)), false, true);
        WriteField(writer, skills.ToString(), true, true);
        WriteField(writer, row.EnglishLevel, false, true);
        WriteField(writer, row.Seniority.ToLowerInvariant(), false, true);
        WriteField(writer, row.HourlyRateUsd.ToString(CultureInfo.InvariantCulture), false, true);
        WriteField(writer, row.AvailableFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false, true);
        WriteField(writer, row.HoursPerWeek.ToString(CultureInfo.InvariantCulture), false, true);
        WriteField(writer, row.Status.ToLowerInvariant(), false, false);
        writer.Write("\r\n");
    }

    /// <summary>Free text is guarded against spreadsheet formulas; numbers, dates and names of choices never need it.</summary>
    private static void WriteField(TextWriter writer, string value, bool text, bool comma)
    {
        SpreadsheetSafeCsv.WriteField(writer, value, text);
        if (comma)
        {
            writer.Write(',');
        }
    }

    private static string FormatTime(TimeOnly time) =>
        time.ToString(time.Second == 0 && time.Millisecond == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);

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
    private static List<SkillLevelRequest>? ParseSkills(string? text, List<(string Field, string Message)> errors)
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

                skills.Add(new SkillLevelRequest(new string(item[..middle].Trim()), level, years));
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

/// <summary>One professional as the export reads it: skills as parallel arrays, enums as stored names.</summary>
public sealed record ExportRow(
    string FullName, string Email, string Headline, string Country, string City, int CityPopulation, bool IsRural,
    string TimeZone, TimeOnly WorkStart, TimeOnly WorkEnd, short WorkDays, string EnglishLevel, string Seniority,
    decimal HourlyRateUsd, DateOnly AvailableFrom, int HoursPerWeek, string Status,
    int[] SkillIds, short[] SkillLevels, short[] SkillYears);

/// <summary>Raised when the file itself cannot be read as this CSV format; nothing of it is written.</summary>
public sealed class CsvFormatException(string message) : Exception(message);

/// <summary>
/// A streaming RFC 4180 reader: holds one record at a time, reports the line each record starts on (quoted
/// fields may span lines), and fails on an unterminated quote or stray characters after a closing quote.
/// </summary>
/// <remarks>
/// Fields are cut from the read buffer as whole runs between separators (a vectorised search), not char by char:
/// reading was a sizeable share of the import's time. A field only goes through the builder when it spans two
/// buffer fills or holds an escaped quote.
/// </remarks>
public sealed class CsvRecordReader(TextReader reader)
{
    public const int MaxFieldLength = 64 * 1024;

    /// <summary>
    /// Bounds one record as <see cref="MaxFieldLength"/> bounds one field: a line of nothing but commas is millions of
    /// empty fields, each a list entry, and held gigabytes of memory for one 100 MB line.
    /// </summary>
    public const int MaxRecordLength = 1024 * 1024;
    private static readonly SearchValues<char> Separators = SearchValues.Create(",\"\r\n");
    private readonly char[] _buffer = new char[64 * 1024];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private int _line = 1;
    private int _recordLength;

    // Where the record being read stands when the buffer runs out mid-record.
    private bool _quoted;
    private bool _wasQuoted;
    private bool _quoteAtEnd;
    private bool _skipLineFeed;

    /// <summary>The line the last record returned by <see cref="ReadAsync"/> started on.</summary>
    public int RecordLine { get; private set; }

    /// <summary>Reads the next record into <paramref name="fields"/>; false at the end of the file.</summary>
    public async ValueTask<bool> ReadAsync(List<string> fields, CancellationToken ct)
    {
        fields.Clear();
        if (!await FillAsync(ct))
        {
            return false;
        }

        if (_skipLineFeed)
        {
            // The previous record ended in a CR at the end of a buffer; its LF came with this one.
            _skipLineFeed = false;
            if (_buffer[_position] == '\n')
            {
                _position++;
                if (!await FillAsync(ct))
                {
                    return false;
                }
            }
        }

        RecordLine = _line;
        _recordLength = 0;
        _field.Clear();
        (_quoted, _wasQuoted, _quoteAtEnd) = (false, false, false);
        while (!Scan(fields))
        {
            if (!await FillAsync(ct))
            {
                if (_quoted && !_quoteAtEnd)
                {
                    throw new CsvFormatException($"Unterminated quoted field in the record starting on line {RecordLine}.");
                }

                fields.Add(TakeField(default));
                return true;
            }
        }

        return true;
    }

    /// <summary>Consumes buffered characters; true when the record is complete, false when the buffer ran out first.</summary>
    private bool Scan(List<string> fields)
    {
        if (_quoteAtEnd)
        {
            // A quote ended the last buffer inside a quoted field: an escaped quote or the closing one.
            _quoteAtEnd = false;
            if (_buffer[_position] == '"')
            {
                _field.Append('"');
                _position++;
            }
            else
            {
                _quoted = false;
            }
        }

        while (_position < _length)
        {
            if (_quoted)
            {
                var rest = _buffer.AsSpan(_position, _length - _position);
                var quote = rest.IndexOf('"');
                var run = quote < 0 ? rest : rest[..quote];
                _line += run.Count('\n');
                Append(run);
                if (quote < 0)
                {
                    _position = _length;
                    return false;
                }

                _position += quote + 1;
                if (_position >= _length)
                {
                    _quoteAtEnd = true;
                    return false;
                }

                if (_buffer[_position] == '"')
                {
                    _field.Append('"');
                    _position++;
                }
                else
                {
                    _quoted = false;
                }

                continue;
            }

            var span = _buffer.AsSpan(_position, _length - _position);
            var stop = span.IndexOfAny(Separators);
            if (stop != 0 && _wasQuoted)
            {
                throw Unexpected(span[0]);
            }

            if (stop < 0)
            {
                Append(span);
                _position = _length;
                return false;
            }

            var value = span[..stop];
            var c = span[stop];
            _position += stop + 1;
            switch (c)
            {
                case ',':
                    fields.Add(TakeField(value));
                    _wasQuoted = false;
                    break;
                case '\r':
                    fields.Add(TakeField(value));
                    _line++;
                    if (_position < _length)
                    {
                        if (_buffer[_position] == '\n')
                        {
                            _position++;
                        }
                    }
                    else
                    {
                        _skipLineFeed = true;
                    }

                    return true;
                case '\n':
                    fields.Add(TakeField(value));
                    _line++;
                    return true;
                default:
                    // A quote: it opens a quoted field only as the field's first character.
                    if (value.Length > 0 || _field.Length > 0 || _wasQuoted)
                    {
                        Append(value);
                        throw Unexpected('"');
                    }

                    _quoted = true;
                    _wasQuoted = true;
                    break;
            }
        }

        return false;
    }

    private CsvFormatException Unexpected(char c) =>
        new($"Unexpected character '{c}' after or inside an unquoted field on line {_line}; quote fields holding quotes and double the quotes inside.");

    /// <summary>The field read so far plus <paramref name="last"/>, its final run in the buffer.</summary>
    private string TakeField(ReadOnlySpan<char> last)
    {
        // The field and its separator; the field's own length is already bounded, so this stops a record in time.
        _recordLength += _field.Length + last.Length + 1;
        if (_recordLength > MaxRecordLength)
        {
            throw new CsvFormatException($"The record starting on line {RecordLine} is longer than {MaxRecordLength} characters.");
        }

        if (_field.Length == 0)
        {
            CheckLength(last.Length);
            return last.Length == 0 ? "" : new string(last);
        }

        Append(last);
        var value = _field.ToString();
        _field.Clear();
        return value;
    }

    private void Append(ReadOnlySpan<char> run)
    {
        CheckLength(_field.Length + run.Length);
        _field.Append(run);
    }

    private void CheckLength(int length)
    {
        if (length > MaxFieldLength)
        {
            throw new CsvFormatException($"A field of the record starting on line {RecordLine} is longer than {MaxFieldLength} characters.");
        }
    }

    private async ValueTask<bool> FillAsync(CancellationToken ct)
    {
        if (_position < _length)
        {
            return true;
        }

        try
        {
            _length = await reader.ReadAsync(_buffer.AsMemory(), ct);
        }
        catch (DecoderFallbackException)
        {
            throw new CsvFormatException($"The file is not valid UTF-8 (near line {_line}).");
        }

        _position = 0;
        return _length > 0;
    }
}
