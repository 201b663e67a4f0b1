using System.Diagnostics;
using System.Globalization;
using NearshoreHub.Web.Data;
using Npgsql;

namespace NearshoreHub.Benchmarks.Search;

/// <summary>
/// The baseline for changed rows (product spec §15): an <c>UPDATE … FROM</c> of the same rows the mixed import updated,
/// from a ready temporary table holding their stored values with another rate and digest, by the same statement
/// shape the import's merge uses (every data column and updated_at). The import itself leaves out the four columns the
/// generated ones are computed from where the digests say they are the same (ImportUpdate, since 2026-12-04): the floor
/// is left as product spec §15 defines it, every column named. Only the UPDATE is the floor. Timed beside it, and
/// not what the target is read against:
/// <list type="bullet">
/// <item>since 2026-12-05, an <c>UPDATE … FROM</c> of one staged skill row per changed person with another level, as the
/// mixed file changes one skill of each (those rows staged before the clock starts, as the floor's are). That is the
/// other reading of §15's "the same staging rows": the floor then leaves both tables as the import leaves them;</item>
/// <item>replacing every skill row of those people (DELETE + INSERT), as the import did before it updated in place.</item>
/// </list>
/// Rolled back: nothing stays and no commit is paid (the import pays one).
/// </summary>
public static class ImportChangedFloor
{
    public sealed record Result(int Rows, double UpdateSeconds, double SkillUpdateSeconds, double SkillsSeconds)
    {
        public double RowsPerSecond => Rows / UpdateSeconds;
    }

    public static async Task<Result> MeasureAsync(string connectionString, string run, int rows)
    {
        Console.WriteLine($"import: changed floor: UPDATE … FROM of the {rows:N0} rows the mixed import updated (rolled back)…");
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var transaction = await db.BeginTransactionAsync();
        async Task ExecuteAsync(string sql, params NpgsqlParameter[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, db, transaction) { CommandTimeout = 0 };
            command.Parameters.AddRange(parameters);
            await command.ExecuteNonQueryAsync();
        }

        await ExecuteAsync("SET LOCAL jit = off; SET LOCAL work_mem = '256MB'");
        var columns = ProfessionalsTable.DataColumns;
        var changedColumns = columns.Replace("hourly_rate_usd", "hourly_rate_usd + 1 AS hourly_rate_usd", StringComparison.Ordinal)
            .Replace("import_hash", "sha224(coalesce(import_hash, '')) AS import_hash", StringComparison.Ordinal);
        await ExecuteAsync($"""
            CREATE TEMP TABLE floor_changes ON COMMIT DROP AS
            SELECT id, {changedColumns} FROM professionals
            WHERE email LIKE @pattern AND hourly_rate_usd < 99999998
            ORDER BY id LIMIT @rows
            """, new NpgsqlParameter<string>("pattern", $"bench{run}.%@import.example"), new NpgsqlParameter<int>("rows", rows));
        await ExecuteAsync("""
            CREATE TEMP TABLE floor_change_skills ON COMMIT DROP AS
            SELECT s.professional_id, s.skill_id, s.level, s.years
            FROM floor_changes x JOIN professional_skills s ON s.professional_id = x.id ORDER BY 1, 2
            """);
        await ExecuteAsync("""
            CREATE TEMP TABLE floor_skill_changes ON COMMIT DROP AS
            SELECT DISTINCT ON (professional_id) professional_id, skill_id, level % 5 + 1 AS level, years
            FROM floor_change_skills ORDER BY professional_id, skill_id
            """);
        await ExecuteAsync("ANALYZE floor_changes; ANALYZE floor_change_skills; ANALYZE floor_skill_changes");

        var values = string.Join(", ", columns.Split(", ").Select(c => "x." + c));
        var stopwatch = Stopwatch.StartNew();
        await ExecuteAsync($"UPDATE professionals p SET ({columns}, updated_at) = ROW({values}, now()) FROM floor_changes x WHERE p.id = x.id");
        var updateSeconds = stopwatch.Elapsed.TotalSeconds;

        stopwatch.Restart();
        await ExecuteAsync("""
            UPDATE professional_skills s SET level = x.level, years = x.years FROM floor_skill_changes x
            WHERE s.professional_id = x.professional_id AND s.skill_id = x.skill_id
            """);
        var skillUpdateSeconds = stopwatch.Elapsed.TotalSeconds;

        stopwatch.Restart();
        await ExecuteAsync("DELETE FROM professional_skills s USING floor_changes x WHERE s.professional_id = x.id");
        await ExecuteAsync("INSERT INTO professional_skills (professional_id, skill_id, level, years) SELECT * FROM floor_change_skills");
        var skillsSeconds = stopwatch.Elapsed.TotalSeconds;
        await transaction.RollbackAsync();

        var result = new Result(rows, updateSeconds, skillUpdateSeconds, skillsSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: changed floor: UPDATE … FROM {updateSeconds:F2} s = {result.RowsPerSecond:N0} rows/s (one skill row each updated from staging: {skillUpdateSeconds:F2} s more; replacing all their skill rows: {skillsSeconds:F2} s more)"));
        return result;
    }

    /// <summary>
    /// The mixed import against the floors, and the rate-only import against the changed floor. The mixed import's time is
    /// shared by both halves, so its ratio is taken over the whole file at the floors' rates (new rows at the new rows'
    /// floor when measured). The line the target is read against counts <c>professionals</c> only; the next one adds the
    /// skill rows' <c>UPDATE … FROM</c> (the other reading; see the type's summary).
    /// </summary>
    public static void PrintRatios(Result c, IReadOnlyList<ImportBenchmark.Outcome> outcomes, ImportBenchmark.Floor? newFloor)
    {
        var mixed = outcomes[2];
        var floorSeconds = c.Rows / c.RowsPerSecond + (newFloor is { } nf ? (mixed.Inserted / nf.RowsPerSecond) : 0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"IMPORT CHANGED FLOOR: UPDATE … FROM {c.RowsPerSecond:F0} rows/s ({c.UpdateSeconds:F2} s; skill rows {c.SkillsSeconds:F2} s more); the mixed file takes {floorSeconds:F2} s at the floors, {mixed.Seconds:F2} s end to end = {floorSeconds / mixed.Seconds:P0}{mixed.Bound(floorSeconds)}"));
        var withSkills = floorSeconds + c.SkillUpdateSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"IMPORT CHANGED FLOOR WITH ITS SKILL ROWS (the other reading of §15; not the target's line): + UPDATE … FROM of {c.Rows:N0} staged skill rows {c.SkillUpdateSeconds:F2} s; the mixed file takes {withSkills:F2} s at these floors = {withSkills / mixed.Seconds:P0}{mixed.Bound(withSkills)}"));
        if (outcomes.Count > 3 && outcomes[3].Updated > 0)
        {
            // Changed rows alone: the rate-only file's rows at the changed floor's rate (the same statement for any rows).
            var ratesFloor = outcomes[3].Updated / c.RowsPerSecond;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"IMPORT RATES: {outcomes[3].Updated:N0} rows with only their rate changed take {ratesFloor:F2} s at the changed floor, {outcomes[3].Seconds:F2} s end to end = {ratesFloor / outcomes[3].Seconds:P0}{outcomes[3].Bound(ratesFloor)}"));
        }
    }
}
