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
/// is left as product spec §15 defines it, every column named. Only the UPDATE is the floor; replacing the
/// skill rows (DELETE + INSERT, as the import does) is timed beside it for reference. Rolled back: nothing stays and no
/// commit is paid (the import pays one).
/// </summary>
public static class ImportChangedFloor
{
    public sealed record Result(int Rows, double UpdateSeconds, double SkillsSeconds)
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
        await ExecuteAsync("ANALYZE floor_changes; ANALYZE floor_change_skills");

        var values = string.Join(", ", columns.Split(", ").Select(c => "x." + c));
        var stopwatch = Stopwatch.StartNew();
        await ExecuteAsync($"UPDATE professionals p SET ({columns}, updated_at) = ROW({values}, now()) FROM floor_changes x WHERE p.id = x.id");
        var updateSeconds = stopwatch.Elapsed.TotalSeconds;

        stopwatch.Restart();
        await ExecuteAsync("DELETE FROM professional_skills s USING floor_changes x WHERE s.professional_id = x.id");
        await ExecuteAsync("INSERT INTO professional_skills (professional_id, skill_id, level, years) SELECT * FROM floor_change_skills");
        var skillsSeconds = stopwatch.Elapsed.TotalSeconds;
        await transaction.RollbackAsync();

        var result = new Result(rows, updateSeconds, skillsSeconds);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: changed floor: UPDATE … FROM {updateSeconds:F2} s = {result.RowsPerSecond:N0} rows/s (replacing their skill rows: {skillsSeconds:F2} s more)"));
        return result;
    }
}
