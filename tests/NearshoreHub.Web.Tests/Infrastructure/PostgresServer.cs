using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using NearshoreHub.Web.Infrastructure.Postgres;
using Npgsql;
using Testcontainers.PostgreSql;

namespace NearshoreHub.Web.Tests.Infrastructure;

/// <summary>
/// The one PostgreSQL server shared by every test class in this process. Each test class asks it
/// for its own database, so classes run in parallel without seeing each other's rows.
/// </summary>
/// <remarks>
/// Chosen in this order: a server connection string in <c>NEARSHOREHUB_TEST_CONNECTION</c>;
/// a Testcontainers <c>postgres:15-alpine</c> where a Docker engine answers; a private cluster
/// started from the machine's PostgreSQL binaries; otherwise a failure that says what to install.
/// </remarks>
public sealed class PostgresServer
{
    public const string ConnectionVariable = "NEARSHOREHUB_TEST_CONNECTION";

    private static readonly Lazy<Task<PostgresServer>> Instance = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _serverConnectionString;
    private readonly Func<Task> _stop;

    private PostgresServer(string serverConnectionString, string source, Func<Task> stop)
    {
        _serverConnectionString = serverConnectionString;
        Source = source;
        _stop = stop;
    }

    /// <summary>Where the server came from: "environment", "testcontainers" or "local binaries".</summary>
    public string Source { get; }

    public static Task<PostgresServer> GetAsync() => Instance.Value;

    /// <summary>
    /// A private, throw-away cluster for tests that stop and restart the server to simulate outages;
    /// stopping the shared server would break the test classes running beside them.
    /// </summary>
    public static Task<LocalPostgresCluster> StartPrivateClusterAsync() => LocalPostgresCluster.StartTemporaryAsync();

    /// <summary>Creates a fresh, uniquely named, empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string? prefix = null)
    {
        var name = UniqueDatabaseName(prefix);
        await using (var connection = new NpgsqlConnection(_serverConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(_serverConnectionString)
        {
            Database = name,
            IncludeErrorDetail = true,
        }.ConnectionString;
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabaseAsync"/>, ending every session still on it. Pooled
    /// connections otherwise stay open for minutes after their test class ends, and a full run of the suite
    /// filled the server's <c>max_connections</c>.
    /// </summary>
    public async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database
            ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        await using var connection = new NpgsqlConnection(_serverConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static string UniqueDatabaseName(string? prefix)
    {
        var cleaned = new string((prefix ?? "test").ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == '_').ToArray());
        if (cleaned.Length == 0 || char.IsAsciiDigit(cleaned[0]))
        {
            cleaned = "t_" + cleaned;
        }

        // PostgreSQL truncates identifiers at 63 bytes; keep the unique suffix intact.
        return $"{cleaned[..Math.Min(cleaned.Length, 40)]}_{Guid.NewGuid().ToString("N")[..16]}";
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        var server = await FromEnvironment() ?? await FromTestcontainersAsync() ?? await FromLocalBinariesAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server._stop().Wait(TimeSpan.FromSeconds(30));
        Console.WriteLine($"[PostgresServer] using {server.Source} ({stopwatch.ElapsedMilliseconds} ms to start)");
        return server;
    }

    private static Task<PostgresServer?> FromEnvironment()
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        return Task.FromResult(string.IsNullOrWhiteSpace(connectionString)
            ? null
            : new PostgresServer(connectionString, "environment", () => Task.CompletedTask));
    }

    private static async Task<PostgresServer?> FromTestcontainersAsync()
    {
        PostgreSqlContainer container;
        try
        {
            // The image's default of 100 connections is less than a full run keeps open at its peak.
            container = new PostgreSqlBuilder("postgres:15-alpine").WithCommand("-c", "max_connections=300").Build();
        }
        catch (DockerUnavailableException)
        {
            // No Docker engine (the usual case on the CI machines): fall through to local binaries.
            return null;
        }

        try
        {
            await container.StartAsync();
        }
        catch (Exception e)
        {
            // An engine that answers but cannot run the image (no registry access, say) is as good as none.
            Console.WriteLine($"[PostgresServer] Testcontainers could not start PostgreSQL ({e.GetType().Name}: {e.Message}); trying local binaries");
            await container.DisposeAsync();
            return null;
        }

        return new PostgresServer(container.GetConnectionString(), "testcontainers", () => container.DisposeAsync().AsTask());
    }

    private static async Task<PostgresServer> FromLocalBinariesAsync()
    {
        if (LocalPostgresCluster.FindBinDirectory() is null)
        {
            throw new InvalidOperationException(
                "Tests need PostgreSQL and none was found: set NEARSHOREHUB_TEST_CONNECTION to a server connection string, " +
                "run a Docker engine (Testcontainers), or install PostgreSQL server binaries " +
                "(e.g. `sudo apt-get install postgresql` on Debian/Ubuntu, or set NEARSHOREHUB_PG_BIN).");
        }

        var cluster = await LocalPostgresCluster.StartTemporaryAsync();
        return new PostgresServer(cluster.GetConnectionString("postgres"), "local binaries", () => cluster.DisposeAsync().AsTask());
    }
}
