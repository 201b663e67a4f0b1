using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace NearshoreHub.Web.Infrastructure.Postgres;

/// <summary>
/// A private PostgreSQL server started from the machine's own binaries, for development data
/// (kept under the repository's <c>.data/postgres</c>) and for tests on machines without Docker.
/// </summary>
/// <remarks>
/// Folder layout: <c>{root}/pgdata</c> (PGDATA), <c>{root}/sock</c> (unix socket),
/// <c>{root}/postgres.log</c> and <c>{root}/port</c> (the last port used, reused when free).
/// </remarks>
public sealed partial class LocalPostgresCluster : IAsyncDisposable
{
    public const string DefaultDatabase = "nearshorehub";

    private const string ServiceUser = "postgres";
    private const string InstallHint =
        "Install PostgreSQL server binaries, e.g. `sudo apt-get install postgresql` on Debian/Ubuntu, " +
        "or set ConnectionStrings:Default";

    // The kernel limits a unix socket path to 107 bytes; ".s.PGSQL.NNNNN" takes 15 of them.
    private const int MaxSocketDirectoryLength = 90;

    private static readonly bool IsRoot = OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()
        ? string.Equals(Environment.UserName, "root", StringComparison.Ordinal)
        : false;

    private readonly string _binDirectory;
    private readonly bool _isTemporary;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _running;
    private bool _disposed;

    private LocalPostgresCluster(string rootDirectory, string binDirectory, int port, bool isTemporary, ILogger logger)
    {
        RootDirectory = rootDirectory;
        _binDirectory = binDirectory;
        Port = port;
        _isTemporary = isTemporary;
        _logger = logger;
        SocketDirectory = ChooseSocketDirectory(rootDirectory);
    }

    /// <summary>The folder holding PGDATA, the socket folder, the log and the port file.</summary>
    public string RootDirectory { get; }

    public string DataDirectory => Path.Combine(RootDirectory, "pgdata");

    public string SocketDirectory { get; }

    public string LogFile => Path.Combine(RootDirectory, "postgres.log");

    public int Port { get; private set; }

    public bool IsRunning => _running;

    /// <summary>Npgsql connection string to <see cref="DefaultDatabase"/>.</summary>
    public string ConnectionString => GetConnectionString();

    private string PortFile => Path.Combine(RootDirectory, "port");

    private string OwnerFile => Path.Combine(RootDirectory, "owner.pid");

    /// <summary>
    /// Starts (initialising first if needed) the cluster whose files live in <paramref name="dataDirectory"/>.
    /// An existing cluster is reused, as is its previous port when still free.
    /// </summary>
    public static Task<LocalPostgresCluster> StartAsync(
        string dataDirectory, int? port = null, ILogger? logger = null, CancellationToken ct = default) =>
        StartCoreAsync(Path.GetFullPath(dataDirectory), port, isTemporary: false, logger ?? NullLogger.Instance, ct);

    /// <summary>
    /// Starts a throw-away cluster in a fresh folder under the temp directory, tuned for speed over
    /// durability (fsync off). Disposing it stops the server and deletes the folder.
    /// </summary>
    public static async Task<LocalPostgresCluster> StartTemporaryAsync(ILogger? logger = null, CancellationToken ct = default)
    {
        logger ??= NullLogger.Instance;
        await RemoveAbandonedTemporaryClustersAsync(logger);
        // Short prefix: the socket lives inside this folder and its path must stay under 107 bytes.
        var root = Directory.CreateTempSubdirectory("nshub-pg-").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "owner.pid"), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), ct);
        try
        {
            var cluster = await StartCoreAsync(root, port: null, isTemporary: true, logger, ct);
            cluster.StartOrphanWatchdog();
            return cluster;
        }
        catch
        {
            TryDeleteDirectory(root, logger);
            throw;
        }
    }

    /// <summary>Finds the directory holding <c>initdb</c> and <c>pg_ctl</c>, or null.</summary>
    public static string? FindBinDirectory()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("NEARSHOREHUB_PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return HasServerBinaries(fromEnvironment) ? fromEnvironment : null;
        }

        var fromPgConfig = TryRun("pg_config", "--bindir");
        if (fromPgConfig is not null && HasServerBinaries(fromPgConfig))
        {
            return fromPgConfig;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.GetDirectories(debianRoot)
                .Select(dir => (Dir: Path.Combine(dir, "bin"), Version: ParseVersion(Path.GetFileName(dir))))
                .Where(candidate => HasServerBinaries(candidate.Dir))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var initdb = Path.Combine(dir, "initdb");
            if (!File.Exists(initdb))
            {
                continue;
            }

            // Often a symlink into the versioned directory where pg_ctl and postgres also live.
            var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
            var targetDir = Path.GetDirectoryName(target);
            if (targetDir is not null && HasServerBinaries(targetDir))
            {
                return targetDir;
            }

            if (HasServerBinaries(dir))
            {
                return dir;
            }
        }

        return null;
    }

    public string GetConnectionString(string? database = null, bool includeErrorDetail = false)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = ServiceUser,
            Database = database ?? DefaultDatabase,
        };
        if (includeErrorDetail)
        {
            builder.IncludeErrorDetail = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>Creates a new, empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        await CreateDatabaseIfMissingAsync(name, ct);
        return GetConnectionString(name);
    }

    /// <summary>Stops the server (fast shutdown: open transactions are rolled back).</summary>
    public async Task StopAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await StopCoreAsync("fast", ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts a stopped server again on the same port (tests use this to simulate outages).</summary>
    public async Task StartAgainAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _gate.WaitAsync(ct);
        try
        {
            if (!_running)
            {
                await StartServerAsync(ct);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        AppDomain.CurrentDomain.UnhandledException -= OnUnhandledException;
        await _gate.WaitAsync();
        try
        {
            // A temporary cluster's data is about to be deleted, so there is nothing to shut down cleanly.
            await StopCoreAsync(_isTemporary ? "immediate" : "fast", CancellationToken.None);
        }
        finally
        {
            _gate.Release();
        }

        if (_isTemporary)
        {
            TryDeleteDirectory(RootDirectory, _logger);
            if (!SocketDirectory.StartsWith(RootDirectory, StringComparison.Ordinal))
            {
                TryDeleteDirectory(SocketDirectory, _logger);
            }
        }
    }
}
