using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace NearshoreHub.Benchmarks.Search;

/// <summary>
/// Keeps PostgreSQL's own maintenance out of the import's figures. Every run inserts and deletes a few hundred thousand
/// rows; autovacuum then wakes up on professional_skills (20 M rows at 2.2 M professionals) at some later point and took
/// a core for tens of seconds, so a timed import (or the floor) sometimes ran beside it: on two cores that moved the
/// new-rows ratio by 30 points between runs. So the run vacuums after its cleanup and waits for any vacuum in progress
/// before timing. Likewise each import writes a few hundred MB of WAL, and a checkpoint it set off then flushed pages
/// while the next step was timed: a <c>CHECKPOINT</c> goes before every timed import and floor (superuser only; skipped
/// otherwise), so each starts with no dirty pages of the one before.
/// </summary>
internal static class PostgresQuiet
{
    private const string Tables = "professionals, professional_skills";

    public static async Task WaitForVacuumAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var running = new NpgsqlCommand("""
            SELECT count(*) FROM pg_stat_progress_vacuum v JOIN pg_stat_activity a ON a.pid = v.pid WHERE v.datname = current_database()
            """, db);
        var stopwatch = Stopwatch.StartNew();
        while ((long)(await running.ExecuteScalarAsync())! > 0 && stopwatch.Elapsed < TimeSpan.FromMinutes(10))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: waiting for a vacuum in progress to finish ({stopwatch.Elapsed.TotalSeconds:F0} s)…"));
            await Task.Delay(5_000);
        }
    }

    public static async Task CheckpointAsync(string connectionString)
    {
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var superuser = new NpgsqlCommand("SELECT current_setting('is_superuser') = 'on'", db);
        if (await superuser.ExecuteScalarAsync() is true)
        {
            await using var checkpoint = new NpgsqlCommand("CHECKPOINT", db) { CommandTimeout = 0 };
            await checkpoint.ExecuteNonQueryAsync();
        }
    }

    public static async Task VacuumAsync(string connectionString)
    {
        Console.WriteLine($"import: vacuuming {Tables} after the cleanup, so the next run does not meet autovacuum…");
        var stopwatch = Stopwatch.StartNew();
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var vacuum = new NpgsqlCommand($"VACUUM (ANALYZE) {Tables}", db) { CommandTimeout = 0 };
        await vacuum.ExecuteNonQueryAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: vacuumed in {stopwatch.Elapsed.TotalSeconds:F1} s"));
    }
}
