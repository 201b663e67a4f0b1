using System.Diagnostics;
using NearshoreHub.Matching;
using NearshoreHub.Web.Infrastructure.Postgres;
using Npgsql;

namespace NearshoreHub.Benchmarks.Ranking;

/// <summary>
/// The benchmark database: NEARSHOREHUB_BENCH_CONNECTION when set, else a persistent private PostgreSQL under
/// &lt;repo&gt;/.data/bench-postgres (kept between runs, so seeded rows are reused and only the difference is added).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string ConnectionVariable = "NEARSHOREHUB_BENCH_CONNECTION";

    private readonly LocalPostgresCluster? _cluster;

    private BenchDatabase(string connectionString, LocalPostgresCluster? cluster, string description)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
        Description = description;
    }

    public string ConnectionString { get; }

    public string Description { get; }

    /// <param name="database">A database of the private cluster other than the default one (created when missing).</param>
    public static async Task<BenchDatabase> OpenAsync(string repoRoot, string? database)
    {
        var configured = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var builder = new NpgsqlConnectionStringBuilder(configured);
            if (database is not null)
            {
                throw new ArgumentException($"--database applies to the private cluster only; with {ConnectionVariable} name the database in the connection string.");
            }

            return new BenchDatabase(configured, null, $"{ConnectionVariable} (host {builder.Host}, database {builder.Database})");
        }

        var folder = Path.Combine(repoRoot, ".data", "bench-postgres");
        Format.Progress($"Starting private PostgreSQL in {folder} …");
        var cluster = await LocalPostgresCluster.StartAsync(folder);
        var raw = database is null ? cluster.ConnectionString : await cluster.CreateDatabaseAsync(database);
        var connection = new NpgsqlConnectionStringBuilder(raw) { CommandTimeout = 0, Timeout = 60 };
        return new BenchDatabase(connection.ConnectionString, cluster, $"private cluster {folder} (port {cluster.Port}), database {connection.Database}");
    }

    public async Task<long> CountProfessionalsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT to_regclass('professionals') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
        {
            return 0;
        }

        await using var count = new NpgsqlCommand("SELECT count(*) FROM professionals", connection) { CommandTimeout = 0 };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>Adds demo professionals with the app's own seeder until there are at least <paramref name="target"/>.</summary>
    public async Task<long> EnsureProfessionalsAsync(long target, Func<string[], Task> runAppCommand)
    {
        var existing = await CountProfessionalsAsync();
        if (existing >= target)
        {
            Format.Progress($"Database holds {Format.N(existing)} professionals (≥ {Format.N(target)} wanted): no seeding.");
            return existing;
        }

        var missing = target - existing;
        Format.Progress($"Seeding {Format.N(missing)} professionals ({Format.N(existing)} → {Format.N(target)}) with `NearshoreHub.Web seed` …");
        var clock = Stopwatch.StartNew();
        await runAppCommand(["seed", "--professionals", missing.ToString(System.Globalization.CultureInfo.InvariantCulture), "--companies", "0"]);
        var now = await CountProfessionalsAsync();
        Format.Progress($"Seeded in {clock.Elapsed.TotalSeconds:F1} s; database holds {Format.N(now)} professionals.");
        return now;
    }

    public async Task<Dictionary<string, int>> SkillIdsAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT name, id FROM skills", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            ids[reader.GetString(0)] = reader.GetInt32(1);
        }

        return ids;
    }

    /// <summary>The graph CandidateIndexHost.BuildSkillGraph makes from the SkillCatalog, read straight from the tables it loads.</summary>
    public async Task<SkillGraph> SkillGraphAsync()
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        var relations = new List<(int, int, double)>();
        await using (var command = new NpgsqlCommand("SELECT skill_id, related_skill_id, similarity FROM skill_relations", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                relations.Add((reader.GetInt32(0), reader.GetInt32(1), reader.GetDouble(2)));
            }
        }

        var names = new Dictionary<int, string>();
        await using (var command = new NpgsqlCommand("SELECT id, name FROM skills", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                names[reader.GetInt32(0)] = reader.GetString(1);
            }
        }

        return new SkillGraph(relations, names);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            Format.Progress("Stopping the private PostgreSQL (data kept for the next run).");
            await _cluster.DisposeAsync();
        }
    }
}
