using Npgsql;

namespace NearshoreHub.Web.Data;

/// <summary>
/// The hand-written SQL over <c>professionals</c> and <c>professional_skills</c> (style rule 6: hot paths use raw
/// Npgsql behind one named type): the column lists, the statements the ranking index, the import, the export and the
/// seed command run, and the planner and session settings they run under. The binary COPY encoding is
/// <see cref="ImportCopyBuffer"/>. EF Core's model (Data/Configurations) stays the schema's source; when a column is
/// added, this file is the other place to look.
/// </summary>
internal static class ProfessionalsTable
{
    /// <summary>
    /// Every column a write sets from a person's data, in this order: what the import inserts and updates and what its
    /// digest covers (<see cref="ProfessionalImportHash"/>). Not here: id, created_at, updated_at, the generated
    /// search_text and city_size, and xmin (the row version).
    /// </summary>
    public const string DataColumns =
        "full_name, email, normalized_email, headline, country, city, city_population, is_rural, time_zone, work_start, work_end, " +
        "work_days, english_level, seniority, hourly_rate_usd, available_from, hours_per_week, status, import_hash";

    /// <summary>
    /// The columns of <see cref="DataColumns"/> PostgreSQL computes the stored generated columns from: search_text
    /// (full_name, headline, city) and city_size (city_population). An UPDATE that names none of them computes neither
    /// again; one that names any computes both, whatever the values (the README's 20,000 rows, rolled back: median 263
    /// ms with every data column, 193 ms without these four; tests/NearshoreHub.Benchmarks/Compare/generated-inputs-update.sh).
    /// </summary>
    public const string GeneratedInputColumns = "full_name, headline, city, city_population";

    /// <summary><see cref="DataColumns"/> without <see cref="GeneratedInputColumns"/>, in the same order.</summary>
    public static readonly string DataColumnsButGeneratedInputs =
        string.Join(", ", DataColumns.Split(", ").Except(GeneratedInputColumns.Split(", ")));

    public const string SkillColumns = "professional_id, skill_id, level, years";

    /// <summary>Whole rows by binary COPY (the import's new rows and the seed command): id, <see cref="DataColumns"/>, created_at, updated_at.</summary>
    public const string CopyProfessionals = $"COPY professionals (id, {DataColumns}, created_at, updated_at) FROM STDIN (FORMAT BINARY)";

    public const string CopySkills = $"COPY professional_skills ({SkillColumns}) FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// What the ranking index reads per person (CandidateLoader): the ranking fields, then what search reads — the
    /// stored accent-free search_text (name, headline, city), the number of spaces in the name (so the name part of
    /// search_text can be told from the rest) and the last change.
    /// </summary>
    public const string RankingColumns =
        "id, status, time_zone, work_start, work_end, work_days, english_level, seniority, hourly_rate_usd, available_from, country, " +
        "city_population, is_rural, search_text, length(full_name) - length(replace(full_name, ' ', '')), updated_at";

    /// <summary>Everyone, in id order (a full index build).</summary>
    public const string SelectAllForRanking = $"SELECT {RankingColumns} FROM professionals ORDER BY id";

    /// <summary>Every skill row in owner order, to be merged with <see cref="SelectAllForRanking"/> in one pass.</summary>
    public const string SelectAllSkillsInOwnerOrder = $"SELECT {SkillColumns} FROM professional_skills ORDER BY professional_id";

    /// <summary>The given people (@ids): a change set for the index.</summary>
    public const string SelectForRankingByIds = $"SELECT {RankingColumns} FROM professionals WHERE id = ANY(@ids)";

    public const string SelectSkillsByOwners = $"SELECT {SkillColumns} FROM professional_skills WHERE professional_id = ANY(@ids)";

    /// <summary>
    /// One export page (@ids) in the import format's order, id order, the skills as arrays ordered as the export lists
    /// them (highest level first).
    /// </summary>
    public const string SelectExportPage = """
        SELECT p.full_name, p.email, p.headline, p.country, p.city, p.city_population, p.is_rural, p.time_zone,
               p.work_start, p.work_end, p.work_days, p.english_level, p.seniority, p.hourly_rate_usd, p.available_from,
               p.hours_per_week, p.status,
               coalesce(s.ids, '{}'::integer[]), coalesce(s.levels, '{}'::smallint[]), coalesce(s.years, '{}'::smallint[])
        FROM professionals p
        LEFT JOIN LATERAL (
            SELECT array_agg(ps.skill_id ORDER BY ps.level DESC, ps.skill_id) AS ids,
                   array_agg(ps.level ORDER BY ps.level DESC, ps.skill_id) AS levels,
                   array_agg(ps.years ORDER BY ps.level DESC, ps.skill_id) AS years
            FROM professional_skills ps WHERE ps.professional_id = p.id) s ON true
        WHERE p.id = ANY(@ids)
        ORDER BY p.id
        """;

    /// <summary>The planner's row estimate for professionals (reltuples), for choosing between plans cheaply.</summary>
    public const string EstimatedRows = "SELECT reltuples FROM pg_class WHERE oid = 'professionals'::regclass";

    /// <summary>
    /// Session-wide, for reads whose plans cost enough to be JIT-compiled and thrown away again: an export page took
    /// about 220 ms of JIT in every 10,000 rows (430 ms with JIT, 194 ms without). The pool resets session settings
    /// when the connection is handed out again.
    /// </summary>
    public static Task WithoutJitAsync(NpgsqlConnection connection, CancellationToken ct) => ExecuteAsync(connection, "SET jit = off", ct);

    /// <summary>
    /// Session-wide, for a connection that looks rows up by a list of keys (<c>= ANY(@keys)</c>), which their unique or
    /// leading index answers whatever the table's size:
    /// <list type="bullet">
    /// <item>reading a change set by id: for the 100,000 ids of an import the planner estimated 4 million skill rows and
    /// scanned all 20 million, JIT-compiled (2-3 s at 2.2 M); their index lookups take a fraction of that, as their
    /// rows were written together;</item>
    /// <item>the import's lookups by email, 2,048 at a time: on a table of 120,000 professionals the planner scanned it
    /// whole for every batch (28 ms alone, 60-90 ms during an import, 3.2-3.6 s for a file of 100,000 known rows)
    /// where the email index takes 7.5 ms; at 2.2 M it chose the index itself.</item>
    /// </list>
    /// </summary>
    public static Task ForIndexLookupsAsync(NpgsqlConnection connection, CancellationToken ct) =>
        ExecuteAsync(connection, "SET jit = off; SET enable_seqscan = off", ct);

    /// <summary>
    /// For the import's transaction: its hash joins get room, and JIT-compiling them cost more than it saved (about
    /// 1 s per plan, measured). The commit still waits for its WAL flush: an acknowledged import must survive a crash.
    /// </summary>
    public static Task ForMergeAsync(NpgsqlConnection connection, CancellationToken ct) =>
        ExecuteAsync(connection, "SET LOCAL work_mem = '256MB'; SET LOCAL jit = off", ct);

    /// <summary>
    /// For a bulk load's session (the seed command). synchronous_commit off: a crash loses at most the last batches,
    /// and the seed can simply be rerun.
    /// </summary>
    public static Task ForBulkLoadAsync(NpgsqlConnection connection, CancellationToken ct) =>
        ExecuteAsync(connection, "SET synchronous_commit = off; SET work_mem = '64MB'", ct);

    /// <summary>
    /// session_replication_role = replica (what pg_restore --disable-triggers does) skips the per-row foreign-key
    /// triggers of professional_skills, which cost about as much as the insert itself; only superusers may set it.
    /// <paramref name="keysHold"/> is the caller's proof that the keys cannot fail (for the seed, a constant true: every
    /// skill row points at a professional already committed and a skill id just read; the import locks the skills it
    /// writes). Returns whether the triggers are now off; <paramref name="local"/> limits that to the transaction.
    /// </summary>
    public static async Task<bool> WithoutRowTriggersAsync(NpgsqlConnection connection, string keysHold, bool local, CancellationToken ct)
    {
        await using (var check = new NpgsqlCommand($"SELECT current_setting('is_superuser') = 'on' AND ({keysHold})", connection) { CommandTimeout = 0 })
        {
            if (await check.ExecuteScalarAsync(ct) is not true)
            {
                return false;
            }
        }

        await ExecuteAsync(connection, local ? "SET LOCAL session_replication_role = replica" : "SET session_replication_role = replica", ct);
        return true;
    }

    /// <summary>
    /// For a run of COPYs into professionals and professional_skills within one transaction (the import's new rows):
    /// one statement that turns the row triggers off for the rest of the transaction (as <see cref="WithoutRowTriggersAsync"/>
    /// with local) where the session may, <paramref name="keysHold"/>, and no trigger of professionals fires on insert
    /// (its own are the foreign keys that point at it, which fire on update and delete), and on otherwise. Returns
    /// whether they are off now, or null where the session may not change them (not a superuser): nothing was set then.
    /// </summary>
    public static async Task<bool?> RowTriggersOffForInsertsAsync(NpgsqlConnection connection, string keysHold, CancellationToken ct)
    {
        var sql = $"""
            SELECT CASE
                WHEN current_setting('is_superuser') <> 'on' THEN NULL
                WHEN ({keysHold}) AND NOT EXISTS (
                        SELECT FROM pg_trigger WHERE tgrelid = 'professionals'::regclass AND tgtype & 4 <> 0 AND tgenabled <> 'D')
                    THEN set_config('session_replication_role', 'replica', true) = 'replica'
                ELSE set_config('session_replication_role', 'origin', true) = 'replica'
            END
            """;
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteScalarAsync(ct) as bool?;
    }

    /// <summary>
    /// For one COPY of skill rows inside a transaction whose row triggers may be off already (the import writes changed
    /// rows' skill rows between its new rows' chunks, <see cref="RowTriggersOffForInsertsAsync"/>): one statement that
    /// checks <paramref name="keysHold"/> and sets the triggers for that COPY. Off where they are on, the session may and
    /// the keys hold; on where they are off and the keys do not, so the foreign keys report it; otherwise as they are.
    /// Returns the role to set back after the COPY (<see cref="RestoreRowTriggersAsync"/>), or null when nothing changed.
    /// </summary>
    public static async Task<string?> RowTriggersForOneCopyAsync(NpgsqlConnection connection, string keysHold, CancellationToken ct)
    {
        var sql = $"""
            SELECT CASE
                WHEN current_setting('session_replication_role') = 'replica'
                    THEN CASE WHEN ({keysHold}) THEN NULL ELSE set_config('session_replication_role', 'origin', true) END
                WHEN current_setting('is_superuser') = 'on' AND ({keysHold})
                    THEN set_config('session_replication_role', 'replica', true)
            END
            """;
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return await command.ExecuteScalarAsync(ct) switch
        {
            "replica" => "origin",
            "origin" => "replica",
            _ => null,
        };
    }

    /// <summary>Sets back what <see cref="RowTriggersForOneCopyAsync"/> changed, within the transaction.</summary>
    public static Task RestoreRowTriggersAsync(NpgsqlConnection connection, string role, CancellationToken ct) =>
        ExecuteAsync(connection, role == "replica" ? "SET LOCAL session_replication_role = replica" : "SET LOCAL session_replication_role = origin", ct);

    /// <summary>Row triggers on again, within the transaction (after <see cref="WithoutRowTriggersAsync"/> with local).</summary>
    public static Task WithRowTriggersAsync(NpgsqlConnection connection, CancellationToken ct) =>
        ExecuteAsync(connection, "SET LOCAL session_replication_role = origin", ct);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
