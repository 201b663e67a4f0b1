using System.Data;
using System.Text;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

public enum ImportMode { Atomic, Partial }

public sealed record ImportRejection(int Line, string Field, string Message);

public sealed record ImportResult(int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportRejection> Rejected, int RejectedCount);

/// <summary>
/// Bulk CSV import (product spec §5). The body is read record by record; valid rows go by binary COPY into a
/// temporary table and one set-based merge by normalised email writes them, all in one transaction, so a broken
/// file or an atomic import with rejected rows leaves the database as it was.
/// </summary>
public sealed class ProfessionalImport(
    NearshoreDbContext db, SkillCatalog catalog, IValidator<ProfessionalRequest> validator, ProfessionalChanges changes,
    TimeProvider clock, ILogger<ProfessionalImport> logger)
{
    /// <summary>Rejected rows listed in the answer; the count beside them is always complete.</summary>
    public const int MaxListedRejections = 10_000;

    private const string StagingColumns =
        "line, id, full_name, email, normalized_email, headline, country, city, city_population, is_rural, time_zone, work_start, " +
        "work_end, work_days, english_level, seniority, hourly_rate_usd, available_from, hours_per_week, status, import_hash, skill_ids, skill_levels, skill_years";

    private const short StagingColumnCount = 24;

    private const string CopiedColumns =
        "full_name, email, normalized_email, headline, country, city, city_population, is_rural, time_zone, work_start, work_end, " +
        "work_days, english_level, seniority, hourly_rate_usd, available_from, hours_per_week, status, import_hash";

    /// <returns>The outcome; <c>Written</c> is false when an atomic import was rolled back because of rejected rows.</returns>
    /// <exception cref="CsvFormatException">The file cannot be read as the import format; nothing was written.</exception>
    public async Task<(ImportResult Result, bool Written, IReadOnlyList<Guid> ChangedIds)> ImportAsync(Stream body, ImportMode mode, CancellationToken ct)
    {
        // The first rejections by line, whatever order they are found in (a repeated email is found only after the
        // whole file was read): the latest line leaves first when an earlier one comes in over the limit. The count
        // orders one line's fields as they were found.
        var listed = new PriorityQueue<ImportRejection, (int Line, int Order)>(
            Comparer<(int Line, int Order)>.Create((a, b) => b.CompareTo(a)));
        var rejectedCount = 0;
        void Reject(int line, string field, string message)
        {
            rejectedCount++;
            var key = (line, rejectedCount);
            if (listed.Count < MaxListedRejections)
            {
                listed.Enqueue(new ImportRejection(line, field, message), key);
            }
            else if (listed.TryPeek(out _, out var latest) && key.CompareTo(latest) < 0)
            {
                listed.EnqueueDequeue(new ImportRejection(line, field, message), key);
            }
        }

        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        // The merge's hash joins get room; and JIT compiling them costs more than it saves here (about 1 s per plan,
        // measured). The commit still waits for its WAL flush: an acknowledged import must survive a crash.
        await Execute(connection, "SET LOCAL work_mem = '256MB'; SET LOCAL jit = off", ct);
        await Execute(connection, $"""
            CREATE TEMP TABLE import_rows (
                line integer NOT NULL, id uuid NOT NULL, full_name text, email text, normalized_email text, headline text,
                country character(2), city text, city_population integer, is_rural boolean, time_zone text, work_start time,
                work_end time, work_days smallint, english_level text, seniority text, hourly_rate_usd numeric(10,2),
                available_from date, hours_per_week integer, status text, import_hash bytea, skill_ids integer[], skill_levels smallint[],
                skill_years smallint[]) ON COMMIT DROP
            """, ct);

        var now = clock.GetUtcNow();
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var phases = new List<(string Phase, long Ms)>();
        var phaseClock = System.Diagnostics.Stopwatch.StartNew();
        void Phase(string name)
        {
            phases.Add((name, phaseClock.ElapsedMilliseconds));
            phaseClock.Restart();
        }

        long checkTicks = 0, waitTicks = 0, copyTicks = 0;
        var rows = 0;
        // 64-bit digests of the normalised emails read so far, to know whether the file can hold a duplicate at all.
        // Bounded by the body limit (about 8 bytes per 60-byte row at worst) and dropped at the first repeat.
        HashSet<ulong>? emailDigests = [];
        var possibleDuplicates = false;
        using (var text = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), false, 64 * 1024))
        {
            var csv = new CsvRecordReader(text);
            var fields = new List<string>(32);
            if (!await csv.ReadAsync(fields, ct))
            {
                throw new CsvFormatException("The file is empty: the first line must be the header " + string.Join(",", ProfessionalCsv.Columns) + ".");
            }

            if (fields.Count > 0)
            {
                fields[0] = fields[0].TrimStart('\uFEFF');
            }

            var positions = ProfessionalCsv.MapHeader(fields, out var headerProblem)
                ?? throw new CsvFormatException("Line 1: " + headerProblem);
            var width = fields.Count;

            // This thread parses the file; workers check and encode whole batches in the COPY's binary format; the
            // encoded batches go out in file order, one write each, while PostgreSQL ingests them on its own core.
            var copy = await connection.BeginRawBinaryCopyAsync($"COPY import_rows ({StagingColumns}) FROM STDIN (FORMAT BINARY)", ct);
            try
            {
                await copy.WriteAsync(ImportCopyBuffer.Header.ToArray(), ct);
                var inFlight = new Queue<Task<Batch>>();
                var resolve = CachedResolve();
                var idle = new Stack<Batch>();
                var maxInFlight = Math.Max(2, Environment.ProcessorCount);
                async Task SendOldestAsync()
                {
                    var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                    var done = await inFlight.Dequeue();
                    var t1 = System.Diagnostics.Stopwatch.GetTimestamp();
                    await copy.WriteAsync(done.Copy.Written, ct);
                    copyTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t1;
                    waitTicks += t1 - t0;
                    checkTicks += done.CheckTicks;
                    rows += done.Rows;
                    foreach (var digest in done.EmailDigests)
                    {
                        if (emailDigests?.Add(digest) == false)
                        {
                            possibleDuplicates = true;
                            emailDigests = null;
                        }
                    }

                    foreach (var rejection in done.Rejections)
                    {
                        Reject(rejection.Line, rejection.Field, rejection.Message);
                    }

                    done.Clear();
                    idle.Push(done);
                }

                var batch = idle.Count > 0 ? idle.Pop() : new Batch();
                while (await csv.ReadAsync(fields, ct))
                {
                    var line = csv.RecordLine;
                    if (fields.Count == 1 && fields[0].Length == 0)
                    {
                        continue;
                    }

                    batch.Records.Add(fields.Count == width
                        ? (line, fields.ToArray(), null)
                        : (line, null, $"Expected {width} fields as in the header, found {fields.Count}."));
                    foreach (var field in fields)
                    {
                        batch.Chars += field.Length;
                    }

                    // A batch is also cut by size, so rows of long fields never hold more than a few MB per batch.
                    if (batch.Records.Count == BatchSize || batch.Chars >= BatchChars)
                    {
                        var full = batch;
                        inFlight.Enqueue(Task.Run(() => Encode(full, positions, now, resolve)));
                        if (inFlight.Count >= maxInFlight)
                        {
                            await SendOldestAsync();
                        }

                        batch = idle.Count > 0 ? idle.Pop() : new Batch();
                    }
                }

                var last = batch;
                inFlight.Enqueue(Task.Run(() => Encode(last, positions, now, resolve)));
                while (inFlight.Count > 0)
                {
                    await SendOldestAsync();
                }

                await copy.WriteAsync(ImportCopyBuffer.Trailer.ToArray(), ct);
            }
            catch
            {
                // Ends the COPY without its rows (a half-written row would otherwise fail the COPY with an error that
                // hides this one); the transaction then rolls back.
                try
                {
                    await copy.CancelAsync();
                }
                catch (Exception cancel) when (cancel is PostgresException or NpgsqlException or InvalidOperationException)
                {
                    logger.LogDebug(cancel, "Cancelling the import's COPY after a failure");
                }

                throw;
            }

            await copy.DisposeAsync();
        }

        var readMs = stopwatch.ElapsedMilliseconds;
        Phase($"read+parse+validate+copy (check {Ms(checkTicks)} ms on workers, waited {Ms(waitTicks)} ms for them, copy writes {Ms(copyTicks)} ms)");

        // Looking each email up in its unique index beats hashing the whole table until the file holds a sizeable share
        // of it (measured at 2.2 M: 90 k lookups 1.6 s, the hash join's full scan 2.3 s), but the planner always picks
        // the scan: it is told here.
        var lookUp = await LookUpByIndexAsync(connection, rows, ct);
        if (!lookUp)
        {
            // The hash join's plan needs row counts and that emails are distinct: a 3,000-row sample says as much as
            // the default 30,000 at a tenth of the time. Forced index lookups need no statistics.
            await Execute(connection, "SET LOCAL default_statistics_target = 10; ANALYZE import_rows", ct);
            Phase("analyze");
        }

        // Within one file the first row with an email wins; later ones are rejected like any other bad row. The
        // statement runs only when two rows' email digests were equal while reading (equal emails always are).
        var staged = rows;
        if (possibleDuplicates)
        {
            await using (var duplicates = new NpgsqlCommand("""
                WITH d AS (SELECT line, min(line) OVER (PARTITION BY normalized_email) AS first FROM import_rows)
                DELETE FROM import_rows r USING d WHERE r.line = d.line AND d.line <> d.first
                RETURNING r.line, d.first
                """, connection))
            await using (var reader = await duplicates.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    Reject(reader.GetInt32(0), "email", $"The same email already appears on line {reader.GetInt32(1)} of this file.");
                    staged--;
                }
            }

            Phase("duplicates");
        }

        var rejected = listed.UnorderedItems.OrderBy(r => r.Priority).Select(r => r.Element).ToList();
        if (mode == ImportMode.Atomic && rejectedCount > 0)
        {
            await transaction.RollbackAsync(ct);
            return (new ImportResult(0, 0, 0, rejected, rejectedCount), false, []);
        }

        if (lookUp)
        {
            await Execute(connection, "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off", ct);
        }

        // A stored row with a digest is compared by its digest alone (every writer keeps it current, see
        // ProfessionalImportHash); one without (seeded, or written before the column existed) column by column and by
        // its skill list, which the subquery aggregates only for those rows. Equal rows are left alone even then, so a
        // re-import never touches them (their xmin and updated_at stay), and the plan keeps only the rows to write.
        await Execute(connection, """
            CREATE TEMP TABLE import_plan ON COMMIT DROP AS
            SELECT * FROM (
                SELECT r.*, p.id AS existing_id,
                    CASE
                        WHEN p.id IS NULL THEN 'i'
                        WHEN p.import_hash IS NOT NULL THEN CASE WHEN p.import_hash = r.import_hash THEN 's' ELSE 'u' END
                        WHEN p.full_name = r.full_name AND p.email = r.email AND p.headline = r.headline AND p.country = r.country
                             AND p.city = r.city AND p.city_population = r.city_population AND p.is_rural = r.is_rural
                             AND p.time_zone = r.time_zone AND p.work_start = r.work_start AND p.work_end = r.work_end
                             AND p.work_days = r.work_days AND p.english_level = r.english_level AND p.seniority = r.seniority
                             AND p.hourly_rate_usd = r.hourly_rate_usd AND p.available_from = r.available_from
                             AND p.hours_per_week = r.hours_per_week AND p.status = r.status
                             AND (SELECT coalesce(array_agg(ps.skill_id ORDER BY ps.skill_id), '{}') = r.skill_ids
                                         AND coalesce(array_agg(ps.level ORDER BY ps.skill_id), '{}') = r.skill_levels
                                         AND coalesce(array_agg(ps.years ORDER BY ps.skill_id), '{}') = r.skill_years
                                  FROM professional_skills ps WHERE ps.professional_id = p.id) THEN 's'
                        ELSE 'u'
                    END AS action
                FROM import_rows r
                LEFT JOIN professionals p ON p.normalized_email = r.normalized_email) planned
            WHERE action <> 's'
            """, ct);
        if (lookUp)
        {
            await Execute(connection, "SET LOCAL enable_hashjoin = on; SET LOCAL enable_mergejoin = on", ct);
        }

        Phase(lookUp ? "plan (index lookups)" : "plan");

        int inserted = 0, updated = 0;
        var changed = new List<Guid>();
        await using (var summary = new NpgsqlCommand("SELECT action, coalesce(existing_id, id) FROM import_plan", connection))
        await using (var reader = await summary.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetString(0) == "i")
                {
                    inserted++;
                }
                else
                {
                    updated++;
                }

                changed.Add(reader.GetGuid(1));
            }
        }

        var unchanged = staged - inserted - updated;
        Phase("summary");

        // Statements with nothing to write are skipped: a re-imported file then costs no more than its plan.
        var nowParameter = new NpgsqlParameter<DateTimeOffset>("now", now);
        if (inserted > 0)
        {
            await Execute(connection, $"""
                INSERT INTO professionals (id, {CopiedColumns}, created_at, updated_at)
                SELECT id, {CopiedColumns}, @now, @now FROM import_plan WHERE action = 'i'
                """, ct, nowParameter);
            Phase("insert professionals");
        }

        if (updated > 0)
        {
            await Execute(connection, $"""
                UPDATE professionals p SET ({CopiedColumns}, updated_at) = ROW({string.Join(", ", CopiedColumns.Split(", ").Select(c => "x." + c))}, @now)
                FROM import_plan x WHERE x.action = 'u' AND p.id = x.existing_id
                """, ct, nowParameter.Clone());
            Phase("update professionals");
            await Execute(connection, """
                DELETE FROM professional_skills s USING import_plan x WHERE x.action = 'u' AND s.professional_id = x.existing_id
                """, ct);
            Phase("delete skills");
        }

        if (inserted + updated > 0)
        {
            var checkedKeys = await WithoutRowTriggersAsync(connection, ct);
            await Execute(connection, """
                INSERT INTO professional_skills (professional_id, skill_id, level, years)
                SELECT coalesce(x.existing_id, x.id), u.skill_id, u.level, u.years
                FROM import_plan x, unnest(x.skill_ids, x.skill_levels, x.skill_years) AS u(skill_id, level, years)
                WHERE x.action <> 's'
                """, ct);
            if (checkedKeys)
            {
                await Execute(connection, "SET LOCAL session_replication_role = origin", ct);
            }

            Phase(checkedKeys ? "insert skills (keys checked once)" : "insert skills");
        }

        await changes.PublishAsync(db, changed, ct);
        Phase("notify");
        await transaction.CommitAsync(ct);
        Phase("commit");
        logger.LogInformation("Import phases: {Phases}", string.Join("; ", phases.Select(p => $"{p.Phase} {p.Ms} ms")));
        logger.LogInformation(
            "Import: {Rows} valid rows read and copied in {ReadMs} ms, merged in {MergeMs} ms ({Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected)",
            rows, readMs, stopwatch.ElapsedMilliseconds - readMs, inserted, updated, unchanged, rejectedCount);
        return (new ImportResult(inserted, updated, unchanged, rejected, rejectedCount), true, changed);
    }

    private const int BatchSize = 2048;
    private const int BatchChars = 2 * 1024 * 1024;

    private readonly record struct CheckedRow(
        int Line, Professional? Professional, string? Field, string? Message, int[]? SkillIds = null, short[]? SkillLevels = null, short[]? SkillYears = null);

    /// <summary>Parses and validates one record with the API's own rules; thread-safe (the validator and catalogue are).</summary>
    private CheckedRow Check(int line, string[] fields, int[] positions, DateTimeOffset now, Func<string, SkillInfo?> resolve)
    {
        var errors = new List<(string Field, string Message)>();
        var request = ProfessionalCsv.ToRequest(fields, positions, errors);
        Span<int> skillIds = stackalloc int[ProfessionalRequestValidator.MaxSkills];
        if (errors.Count == 0 && ProfessionalFastCheck.Passes(request, resolve, skillIds, out var workDays))
        {
            var fast = ToProfessional(request, skillIds[..request.Skills!.Count], workDays, now);
            return Checked(line, fast);
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
    /// <see cref="ProfessionalMapping.Apply"/> for a request the fast check passed, from the skill ids and working days
    /// it resolved, without resolving them again (the same <see cref="ProfessionalMapping.ApplyFields"/>, new skills
    /// only); the import spent a good share of its check time in Apply's lookups and allocations.
    /// </summary>
    internal static Professional ToProfessional(ProfessionalRequest request, ReadOnlySpan<int> skillIds, short workDays, DateTimeOffset now)
    {
        var professional = new Professional
        {
            FullName = "", Email = "", NormalizedEmail = "", Country = "", City = "", TimeZone = "",
            Skills = new List<ProfessionalSkill>(skillIds.Length),
        };
        professional.ApplyFields(request, workDays, now);
        var skills = request.Skills!;
        for (var i = 0; i < skillIds.Length; i++)
        {
            professional.Skills.Add(new ProfessionalSkill { SkillId = skillIds[i], Level = (short)skills[i].Level, Years = (short)skills[i].Years });
        }

        professional.ImportHash = ProfessionalImportHash.Of(professional);
        return professional;
    }

    /// <summary>
    /// The catalogue's name resolution remembered for this import: a file names the same few skills on every row,
    /// and each lookup normalised (allocated) the name anew. Bounded, so a file of made-up names cannot grow it.
    /// </summary>
    private Func<string, SkillInfo?> CachedResolve()
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

    private static long Ms(long ticks) => (long)System.Diagnostics.Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;

    /// <summary>Records read from the file and, once a worker has been at them, their COPY rows and rejections.</summary>
    private sealed class Batch
    {
        public readonly List<(int Line, string[]? Fields, string? Problem)> Records = new(BatchSize);
        public readonly ImportCopyBuffer Copy = new();
        public readonly List<ImportRejection> Rejections = [];
        public readonly byte[] Random = new byte[BatchSize * 6];
        public readonly List<ulong> EmailDigests = new(BatchSize);
        public int Rows;
        public long Chars;
        public long CheckTicks;

        public void Clear()
        {
            Records.Clear();
            Copy.Clear();
            Rejections.Clear();
            EmailDigests.Clear();
            Rows = 0;
            Chars = 0;
            CheckTicks = 0;
        }
    }

    private Batch Encode(Batch batch, int[] positions, DateTimeOffset now, Func<string, SkillInfo?> resolve)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
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

            var row = Check(line, fields, positions, now, resolve);
            if (row.Professional is not { } p)
            {
                batch.Rejections.Add(new ImportRejection(line, row.Field!, row.Message!));
                continue;
            }

            var copy = batch.Copy;
            copy.StartRow(StagingColumnCount);
            copy.Int32(line);
            copy.UuidVersion7(milliseconds, (uint)line, batch.Random.AsSpan(i * 6, 6));
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
            copy.Int32Array(row.SkillIds!);
            copy.Int16Array(row.SkillLevels!);
            copy.Int16Array(row.SkillYears!);
            batch.EmailDigests.Add(EmailDigest(p.NormalizedEmail));
            batch.Rows++;
        }

        batch.CheckTicks = System.Diagnostics.Stopwatch.GetTimestamp() - start;
        return batch;
    }

    /// <summary>FNV-1a over the UTF-16 code units: equal emails always give equal digests; the reverse is checked in SQL.</summary>
    internal static ulong EmailDigest(string normalizedEmail)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in normalizedEmail)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return hash;
    }

    /// <summary>The stored spelling of an enum value (its name, as the API's mapping stores it).</summary>
    private static string EnumName<T>(T value) where T : struct, Enum => Enum.GetName(value) ?? value.ToString();

    /// <summary>
    /// The two foreign keys of professional_skills cost two trigger queries per skill row, over half the time of
    /// writing the skills (measured: 18.9 s of 30.3 s for 930 000 rows). Both are checked here once for the whole
    /// set instead, with the same guarantee: every professional written is a row this transaction inserted or
    /// updated (so it is ours until commit), and the skills are locked FOR KEY SHARE as the trigger would lock
    /// them. Turning the per-row triggers off needs a superuser; other roles keep them (false is returned).
    /// </summary>
    private static async Task<bool> WithoutRowTriggersAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            WITH wanted AS (SELECT DISTINCT unnest(skill_ids) AS id FROM import_plan WHERE action <> 's'),
                 locked AS (SELECT s.id FROM skills s JOIN wanted w ON w.id = s.id FOR KEY SHARE OF s)
            SELECT current_setting('is_superuser') = 'on' AND (SELECT count(*) FROM locked) = (SELECT count(*) FROM wanted)
            """, connection) { CommandTimeout = 0 };
        if (await command.ExecuteScalarAsync(ct) is not true)
        {
            return false;
        }

        await Execute(connection, "SET LOCAL session_replication_role = replica", ct);
        return true;
    }

    /// <summary>True when the staged rows are under a tenth of the table (by the planner's own row estimate).</summary>
    private static async Task<bool> LookUpByIndexAsync(NpgsqlConnection connection, int rows, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("SELECT reltuples FROM pg_class WHERE oid = 'professionals'::regclass", connection);
        return await command.ExecuteScalarAsync(ct) is float estimate && rows * 10L < estimate;
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new DuplicateException("Another write added a professional with one of these emails while the import ran. Import the file again.");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DeadlockDetected)
        {
            // Two imports writing the same emails in different orders wait on each other and PostgreSQL ends one: the same
            // conflict as above, which left unmapped read as "the database is unavailable" (503).
            throw new DuplicateException("Another import or write changed some of these professionals at the same time; nothing was written. Import the file again.");
        }
    }

    internal static string Summary(ImportResult result) => JsonSerializer.Serialize(new
    {
        result.Inserted,
        result.Updated,
        result.Unchanged,
        result.RejectedCount,
    });
}
