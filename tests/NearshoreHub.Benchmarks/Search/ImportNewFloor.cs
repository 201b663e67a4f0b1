using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace NearshoreHub.Benchmarks.Search;

/// <summary>The PostgreSQL floor for the import's new rows (product spec §15), measured in the same run as the import.</summary>
public static class ImportNewFloor
{
    /// <summary>
    /// The baseline for the "new" import, in the same run: copies of the rows it inserted get new emails and new
    /// time-ordered ids (version 7 layout, now's millisecond then a counter), and go into <c>professionals</c> and
    /// <c>professional_skills</c> in key order by binary COPY from this client (product spec §15; until 2026-12-02 the
    /// floor was two <c>INSERT … SELECT</c> from temporary tables, which the spec does not name), foreign keys handled as
    /// the import handles them, in one transaction that commits, as the import's does. Key order is the cheapest case
    /// for both primary keys (each insert appends at the right edge), so this is a best case. The two COPYs and the
    /// commit are timed, each on its own; the committed copies are then deleted (not timed). Until 2026-12-02 09:00 UTC
    /// the floor rolled back and left the commit out (0.1–0.2 s here), while the import it was set against paid one;
    /// the summary line still gives the ratio against the COPYs alone.
    /// </summary>
    /// <param name="measurement">1 for the first measurement in a run: its copies' emails begin "floor.", a later one's
    /// "floor2." and so on, so no measurement inserts a key that a deleted copy of an earlier one still holds in the index.</param>
    public static async Task<ImportBenchmark.Floor> MeasureAsync(string connectionString, string run, int rows, int measurement = 1)
    {
        var prefix = measurement == 1 ? "floor." : $"floor{measurement}.";
        Console.WriteLine($"import: floor: inserting copies of the {rows:N0} new rows by PostgreSQL alone (committed, then deleted; measurement {measurement})…");
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var transaction = await db.BeginTransactionAsync();
        async Task<object?> ScalarAsync(string sql, params NpgsqlParameter[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, db, transaction) { CommandTimeout = 0 };
            command.Parameters.AddRange(parameters);
            return await command.ExecuteScalarAsync();
        }

        await ScalarAsync("SET LOCAL jit = off; SET LOCAL work_mem = '256MB'");
        var columns = (string)(await ScalarAsync("""
            SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = 'professionals' AND is_generated = 'NEVER'
              AND column_name NOT IN ('id', 'email', 'normalized_email')
            """))!;
        await ScalarAsync($"""
            CREATE TEMP TABLE floor_professionals ON COMMIT DROP AS
            SELECT source_id, (left(now_ms, 8) || '-' || right(now_ms, 4) || '-7000-8' || lpad(to_hex(n / 281474976710656), 3, '0')
                               || '-' || lpad(to_hex(n % 281474976710656), 12, '0'))::uuid AS id, email, normalized_email, {columns}
            FROM (SELECT p.id AS source_id, row_number() OVER (ORDER BY p.id) AS n,
                         lpad(to_hex((extract(epoch FROM now()) * 1000)::bigint), 12, '0') AS now_ms,
                         @prefix || p.email AS email, @prefix || p.normalized_email AS normalized_email, {string.Join(", ", columns.Split(", ").Select(c => "p." + c))}
                  FROM professionals p WHERE p.email LIKE @pattern ORDER BY p.id LIMIT @rows) p
            ORDER BY n
            """, new NpgsqlParameter<string>("pattern", $"bench{run}.%@import.example"), new NpgsqlParameter<int>("rows", rows), new NpgsqlParameter<string>("prefix", prefix));
        await ScalarAsync("""
            CREATE TEMP TABLE floor_skills ON COMMIT DROP AS
            SELECT f.id AS professional_id, s.skill_id, s.level, s.years
            FROM floor_professionals f JOIN professional_skills s ON s.professional_id = f.source_id
            ORDER BY f.id, s.skill_id
            """);
        var skillRows = (long)(await ScalarAsync("SELECT count(*) FROM floor_skills"))!;

        // What a COPY really costs: the rows leave PostgreSQL in its binary COPY format (not timed) and come back by
        // COPY … FROM STDIN, client to server, as any bulk loader (and the import) sends them.
        var professionalsCopy = $"id, email, normalized_email, {columns}";
        var professionalsBytes = await CopyOutAsync(db, $"COPY (SELECT {professionalsCopy} FROM floor_professionals ORDER BY id) TO STDOUT (FORMAT BINARY)");
        var skillsBytes = await CopyOutAsync(db, "COPY (SELECT professional_id, skill_id, level, years FROM floor_skills ORDER BY professional_id, skill_id) TO STDOUT (FORMAT BINARY)");

        var backends = BackendSchedule.Take();
        var stopwatch = Stopwatch.StartNew();
        await CopyInAsync(db, $"COPY professionals ({professionalsCopy}) FROM STDIN (FORMAT BINARY)", professionalsBytes);
        var professionalsSeconds = stopwatch.Elapsed.TotalSeconds;

        // As the import does: a superuser's session skips the per-row foreign-key triggers (the parents are known to exist).
        if (await ScalarAsync("SELECT current_setting('is_superuser') = 'on'") is true)
        {
            await ScalarAsync("SET LOCAL session_replication_role = replica");
        }

        stopwatch.Restart();
        await CopyInAsync(db, "COPY professional_skills (professional_id, skill_id, level, years) FROM STDIN (FORMAT BINARY)", skillsBytes);
        var skillsSeconds = stopwatch.Elapsed.TotalSeconds;
        stopwatch.Restart();
        await transaction.CommitAsync();
        var commitSeconds = stopwatch.Elapsed.TotalSeconds;
        var schedule = BackendSchedule.Since(backends);
        await DeleteCopiesAsync(db, $"{prefix}bench{run}.%@import.example");

        var floor = new ImportBenchmark.Floor(rows, skillRows, professionalsSeconds, skillsSeconds, commitSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: floor: {floor.Seconds:F2} s = {floor.RowsPerSecond:N0} rows/s (professionals {professionalsSeconds:F2} s, {skillRows:N0} skill rows {skillsSeconds:F2} s, commit {commitSeconds:F2} s)"));
        if (schedule is not null)
        {
            Console.WriteLine($"import: floor: {schedule}");
        }

        return floor;
    }

    /// <summary>Deletes the floor's committed copies (their skill rows go with them); nothing announced them, so the app never held them.</summary>
    private static async Task DeleteCopiesAsync(NpgsqlConnection db, string pattern)
    {
        await using var delete = new NpgsqlCommand("DELETE FROM professionals WHERE email LIKE @pattern", db) { CommandTimeout = 0 };
        delete.Parameters.Add(new NpgsqlParameter<string>("pattern", pattern));
        var deleted = await delete.ExecuteNonQueryAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: floor: deleted its {deleted:N0} copies"));
    }

    private static async Task<byte[]> CopyOutAsync(NpgsqlConnection db, string sql)
    {
        using var buffer = new MemoryStream();
        await using (var copy = await db.BeginRawBinaryCopyAsync(sql))
        {
            await copy.CopyToAsync(buffer);
        }

        return buffer.ToArray();
    }

    private static async Task CopyInAsync(NpgsqlConnection db, string sql, byte[] rows)
    {
        await using var copy = await db.BeginRawBinaryCopyAsync(sql);
        await copy.WriteAsync(rows);
    }
}
