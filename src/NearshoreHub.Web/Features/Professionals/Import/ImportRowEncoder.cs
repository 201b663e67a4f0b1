using System.Diagnostics;
using FluentValidation;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Checks records with the API's own rules and encodes each valid one in PostgreSQL's binary COPY format
/// (<see cref="ImportCopyBuffer"/>) as the rows it becomes if it is new: its <c>professionals</c> row
/// (<see cref="ProfessionalsTable.CopyProfessionals"/>) and its <c>professional_skills</c> rows
/// (<see cref="ProfessionalsTable.CopySkills"/>), so new rows go straight into the final tables. Rows that turn out to
/// exist are encoded again, on demand, for the staging table import_rows (<see cref="EncodeStaged"/>).
/// Thread-safe: workers encode whole batches at once.
/// </summary>
internal sealed class ImportRowEncoder(SkillCatalog catalog, IValidator<ProfessionalRequest> validator)
{
    /// <summary>A staged row without its skills: line, id and the data columns (<see cref="EncodeStagedRow"/>).</summary>
    public const string StagedRowColumns =
        "line, id, full_name, email, normalized_email, headline, country, city, city_population, is_rural, time_zone, work_start, " +
        "work_end, work_days, english_level, seniority, hourly_rate_usd, available_from, hours_per_week, status, import_hash";

    /// <summary><see cref="StagedRowColumns"/> with their types, for a staging table's definition.</summary>
    public const string StagedRowColumnTypes = """
        line integer NOT NULL, id uuid NOT NULL, full_name text, email text, normalized_email text, headline text,
            country character(2), city text, city_population integer, is_rural boolean, time_zone text, work_start time,
            work_end time, work_days smallint, english_level text, seniority text, hourly_rate_usd numeric(10,2),
            available_from date, hours_per_week integer, status text, import_hash bytea
        """;

    public const string StagingColumns = StagedRowColumns + ", skill_ids, skill_levels, skill_years";

    private const short StagedRowColumnCount = 21;

    /// <summary>id, the 19 data columns, created_at, updated_at: <see cref="ProfessionalsTable.CopyProfessionals"/>.</summary>
    private const short ProfessionalColumnCount = 22;

    /// <summary>The staging table: the professionals' data columns as the import checked them, skills as arrays by id.</summary>
    public const string CreateStagingTable =
        $"CREATE TEMP TABLE import_rows ({StagedRowColumnTypes}, skill_ids integer[], skill_levels smallint[], skill_years smallint[]) ON COMMIT DROP";

    private readonly Func<string, SkillInfo?> _resolve = CachedResolve(catalog);

    private readonly Func<ReadOnlySpan<char>, string> _skillName = SharedNames();

    public ImportBatch Encode(ImportBatch batch, int[] positions, DateTimeOffset now)
    {
        var start = Stopwatch.GetTimestamp();
        ImportCopyBuffer.FillRandom(batch.Random.AsSpan(0, batch.Records.Count * 6));
        var milliseconds = now.ToUnixTimeMilliseconds();
        for (var i = 0; i < batch.Records.Count; i++)
        {
            var (line, fields, problem) = batch.Records[i];
            if (fields is null)
            {
                batch.Rejections.Add(new ImportRejection(line, "row", problem!));
                continue;
            }

            var row = Check(line, fields, positions, now, _resolve);
            if (row.Professional is not { } p)
            {
                batch.Rejections.Add(new ImportRejection(line, row.Field!, row.Message!));
                continue;
            }

            var id = ImportCopyBuffer.Version7(milliseconds, (uint)line, batch.Random.AsSpan(i * 6, 6));
            var copy = batch.Copy;
            var rowStart = copy.Length;
            copy.StartRow(ProfessionalColumnCount);
            copy.Uuid(id);
            WriteData(copy, p);
            copy.TimestampTz(now);
            copy.TimestampTz(now);

            var skills = batch.Skills;
            var skillStart = skills.Length;
            for (var k = 0; k < row.SkillIds!.Length; k++)
            {
                skills.StartRow(4);
                skills.Uuid(id);
                skills.Int32(row.SkillIds[k]);
                skills.SmallInt(row.SkillLevels![k]);
                skills.SmallInt(row.SkillYears![k]);
            }

            batch.Valid.Add(new ImportRow(line, id, p, row.SkillIds, row.SkillLevels!, row.SkillYears!, rowStart, copy.Length, skillStart, skills.Length));
        }

        batch.CheckTicks = Stopwatch.GetTimestamp() - start;
        return batch;
    }

    /// <summary>
    /// A row that exists already, for the staging table import_rows (<see cref="StagingColumns"/>: line, id, the data
    /// columns in <see cref="WriteData"/>'s order, the skills as arrays).
    /// </summary>
    public static void EncodeStaged(ImportCopyBuffer copy, in ImportRow row)
    {
        EncodeStagedRow(copy, row, moreColumns: 3);
        copy.Int32Array(row.SkillIds);
        copy.Int16Array(row.SkillLevels);
        copy.Int16Array(row.SkillYears);
    }

    /// <summary>
    /// <see cref="StagedRowColumns"/> of a row that exists already, in a row of <paramref name="moreColumns"/> more that
    /// the caller writes after it (<see cref="EncodeStaged"/>, <see cref="ImportChangedRows"/>).
    /// </summary>
    public static void EncodeStagedRow(ImportCopyBuffer copy, in ImportRow row, short moreColumns)
    {
        copy.StartRow((short)(StagedRowColumnCount + moreColumns));
        copy.Int32(row.Line);
        copy.Uuid(row.Id);
        WriteData(copy, row.Professional);
    }

    /// <summary><see cref="ProfessionalsTable.DataColumns"/>, in that order.</summary>
    private static void WriteData(ImportCopyBuffer copy, Professional p)
    {
        copy.Text(p.FullName);
        copy.Text(p.Email);
        copy.Text(p.NormalizedEmail);
        copy.Text(p.Headline);
        copy.Text(p.Country);
        copy.Text(p.City);
        copy.Int32(p.CityPopulation);
        copy.Bool(p.IsRural);
        copy.Text(p.TimeZone);
        copy.Time(p.WorkStart);
        copy.Time(p.WorkEnd);
        copy.SmallInt(p.WorkDays);
        copy.Text(EnumName(p.EnglishLevel));
        copy.Text(EnumName(p.Seniority));
        copy.Numeric2(p.HourlyRateUsd);
        copy.Date(p.AvailableFrom);
        copy.Int32(p.HoursPerWeek);
        copy.Text(EnumName(p.Status));
        copy.Bytes(p.ImportHash!);
    }

    /// <summary>The stored spelling of an enum value (its name, as the API's mapping stores it).</summary>
    private static string EnumName<T>(T value) where T : struct, Enum => Enum.GetName(value) ?? value.ToString();

    private readonly record struct CheckedRow(
        int Line, Professional? Professional, string? Field, string? Message, int[]? SkillIds = null, short[]? SkillLevels = null, short[]? SkillYears = null);

    /// <summary>Parses and validates one record with the API's own rules; thread-safe (the validator and catalogue are).</summary>
    private CheckedRow Check(int line, string[] fields, int[] positions, DateTimeOffset now, Func<string, SkillInfo?> resolve)
    {
        var errors = new List<(string Field, string Message)>();
        var request = ProfessionalCsv.ToRequest(fields, positions, errors, _skillName);
        Span<int> skillIds = stackalloc int[ProfessionalRequestValidator.MaxSkills];
        if (errors.Count == 0 && ProfessionalFastCheck.Passes(request, resolve, skillIds, out var workDays))
        {
            var fast = ProfessionalImport.ToImportRow(request, skillIds[..request.Skills!.Count], workDays, now);
            return new CheckedRow(line, fast.Professional, null, null, fast.SkillIds, fast.SkillLevels, fast.SkillYears);
        }

        // The fast check doubts this row: the validator decides, with its messages.
        foreach (var error in validator.Validate(request).Errors)
        {
            var field = ProfessionalCsv.FieldOf(error.PropertyName);
            if (!errors.Exists(e => e.Field == field || (field == "workStart" && e.Field == "workEnd") || (field == "skills" && e.Field.StartsWith("skills", StringComparison.Ordinal))))
            {
                errors.Add((field, error.ErrorMessage));
            }
        }

        if (errors.Count > 0)
        {
            var (field, message) = errors[0];
            var also = errors.Count > 1 ? " Also: " + string.Join("; ", errors.Skip(1).Select(e => $"{e.Field}: {e.Message}")) : "";
            return new CheckedRow(line, null, field, message + also);
        }

        // The API's own mapping, so an imported row is stored exactly as the same JSON body would be.
        var professional = new Professional { FullName = "", Email = "", NormalizedEmail = "", Country = "", City = "", TimeZone = "" };
        professional.Apply(request, catalog, now);
        return Checked(line, professional);
    }

    private static CheckedRow Checked(int line, Professional professional)
    {
        // The staging table holds the skills as parallel arrays ordered by id, which the plan compares as they are.
        professional.Skills.Sort((a, b) => a.SkillId.CompareTo(b.SkillId));
        var count = professional.Skills.Count;
        var (ids, levels, years) = (new int[count], new short[count], new short[count]);
        for (var i = 0; i < count; i++)
        {
            var skill = professional.Skills[i];
            (ids[i], levels[i], years[i]) = (skill.SkillId, skill.Level, skill.Years);
        }

        return new CheckedRow(line, professional, null, null, ids, levels, years);
    }

    /// <summary>
    /// One string per skill name spelling for this import, instead of one per row and skill (a sixth of what reading a
    /// row into its request allocated). Bounded like <see cref="CachedResolve"/>; names past the bound are made anew.
    /// </summary>
    private static Func<ReadOnlySpan<char>, string> SharedNames()
    {
        var names = new System.Collections.Concurrent.ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var bySpan = names.GetAlternateLookup<ReadOnlySpan<char>>();
        return span =>
        {
            if (bySpan.TryGetValue(span, out var name))
            {
                return name;
            }

            name = new string(span);
            if (names.Count < 4096)
            {
                names.TryAdd(name, name);
            }

            return name;
        };
    }

    /// <summary>
    /// The catalogue's name resolution remembered for this import: a file names the same few skills on every row,
    /// and each lookup normalised (allocated) the name anew. Bounded, so a file of made-up names cannot grow it.
    /// </summary>
    private static Func<string, SkillInfo?> CachedResolve(SkillCatalog catalog)
    {
        var cache = new System.Collections.Concurrent.ConcurrentDictionary<string, SkillInfo?>(StringComparer.Ordinal);
        return name =>
        {
            if (cache.TryGetValue(name, out var info))
            {
                return info;
            }

            info = catalog.Resolve(name);
            if (cache.Count < 4096)
            {
                cache.TryAdd(name, info);
            }

            return info;
        };
    }
}

/// <summary>A valid row as a worker left it: its data, its new id, and where its COPY rows lie in the batch's buffers.</summary>
internal readonly record struct ImportRow(
    int Line, Guid Id, Professional Professional, int[] SkillIds, short[] SkillLevels, short[] SkillYears,
    int RowStart, int RowEnd, int SkillStart, int SkillEnd);

/// <summary>Records read from the file and, once a worker has been at them, their COPY rows and rejections.</summary>
internal sealed class ImportBatch
{
    public const int Size = 2048;

    /// <summary>A batch is also cut by size, so rows of long fields never hold more than a few MB per batch.</summary>
    public const int MaxChars = 2 * 1024 * 1024;

    public readonly List<(int Line, string[]? Fields, string? Problem)> Records = new(Size);

    /// <summary>The field arrays of records cleared, reused for the next ones (one array per record was 184 bytes a row of garbage).</summary>
    private readonly Stack<string[]> _spareFields = new(Size);

    /// <summary>The valid rows' professionals rows, in file order.</summary>
    public readonly ImportCopyBuffer Copy = new();

    /// <summary>The valid rows' professional_skills rows, in file order.</summary>
    public readonly ImportCopyBuffer Skills = new();

    public readonly List<ImportRow> Valid = new(Size);

    /// <summary>The valid rows stored already, by normalised email: their ids and digests (<see cref="ImportRouter.LookUpAfterAsync"/>).</summary>
    public readonly Dictionary<string, (Guid Id, byte[]? Hash)> Found = new(StringComparer.Ordinal);
    public readonly List<ImportRejection> Rejections = [];
    public readonly byte[] Random = new byte[Size * 6];
    public long Chars;
    public long CheckTicks;

    /// <summary>Adds a record of <paramref name="fields"/>, in an array cleared from an earlier record where one of that width is left.</summary>
    public void Add(int line, List<string> fields)
    {
        var array = _spareFields.TryPop(out var spare) && spare.Length == fields.Count ? spare : new string[fields.Count];
        fields.CopyTo(array);
        Records.Add((line, array, null));
    }

    public void Clear()
    {
        foreach (var (_, fields, _) in Records)
        {
            if (fields is not null)
            {
                Array.Clear(fields);
                _spareFields.Push(fields);
            }
        }

        Records.Clear();
        Copy.Clear();
        Skills.Clear();
        Valid.Clear();
        Found.Clear();
        Rejections.Clear();
        Chars = 0;
        CheckTicks = 0;
    }
}
