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
public sealed class LocalPostgresCluster : IAsyncDisposable
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

    private static async Task<LocalPostgresCluster> StartCoreAsync(
        string root, int? port, bool isTemporary, ILogger logger, CancellationToken ct)
    {
        var binDirectory = FindBinDirectory() ?? throw new InvalidOperationException(
            $"No PostgreSQL server binaries (initdb, pg_ctl) were found. {InstallHint}.");
        if (IsRoot && TryRun("id", "-u", ServiceUser) is null)
        {
            throw new InvalidOperationException(
                $"PostgreSQL refuses to run as root and there is no '{ServiceUser}' user to run it as. " +
                $"Run as a normal user, create the '{ServiceUser}' user (the postgresql package does), or set ConnectionStrings:Default.");
        }

        Directory.CreateDirectory(root);
        var cluster = new LocalPostgresCluster(root, binDirectory, port ?? 0, isTemporary, logger);
        try
        {
            await cluster.InitialiseAndStartAsync(port, ct);
        }
        catch
        {
            await cluster.StopCoreAsync("fast", CancellationToken.None);
            throw;
        }

        AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
        return cluster;
    }

    private async Task InitialiseAndStartAsync(int? requestedPort, CancellationToken ct)
    {
        var stopwatch = Stopwatch.StartNew();
        Directory.CreateDirectory(SocketDirectory);
        if (IsRoot)
        {
            // initdb refuses root, and the server writes its log and socket here as 'postgres'.
            // Only a new cluster gets a recursive chown: an existing one may hold gigabytes of data.
            var owner = $"{ServiceUser}:{ServiceUser}";
            if (Directory.Exists(DataDirectory))
            {
                await RunCheckedAsync("chown", ct, owner, RootDirectory, SocketDirectory);
            }
            else
            {
                await RunCheckedAsync("chown", ct, "-R", owner, RootDirectory, SocketDirectory);
            }
        }

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitDbAsync(ct);
        }

        WriteServerSettings();

        var running = await FindRunningPostmasterPortAsync(ct);
        if (running is int adoptedPort)
        {
            // Left running by an earlier app run that was killed before it could stop it.
            Port = adoptedPort;
            _running = true;
            _logger.LogInformation("Reusing PostgreSQL already running from {DataDirectory} on port {Port}", DataDirectory, Port);
        }
        else
        {
            Port = requestedPort ?? ChoosePort();
            await StartServerAsync(ct);
        }

        await CreateDatabaseIfMissingAsync(DefaultDatabase, ct);
        _logger.LogInformation(
            "Local PostgreSQL ready in {ElapsedMs} ms: port {Port}, data {DataDirectory}", stopwatch.ElapsedMilliseconds, Port, DataDirectory);
    }

    private async Task InitDbAsync(CancellationToken ct)
    {
        _logger.LogInformation("Initialising a new PostgreSQL cluster in {DataDirectory}", DataDirectory);
        if (Directory.Exists(DataDirectory) && Directory.EnumerateFileSystemEntries(DataDirectory).Any())
        {
            throw new InvalidOperationException(
                $"{DataDirectory} is not empty but holds no PostgreSQL cluster (no PG_VERSION). Delete it and start again.");
        }

        string[] arguments = ["-D", DataDirectory, "-U", ServiceUser, "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"];
        // Flushing a throw-away cluster to disk takes most of initdb's time.
        await RunPostgresToolCheckedAsync("initdb", ct, _isTemporary ? [.. arguments, "--no-sync"] : arguments);
        await File.AppendAllTextAsync(
            Path.Combine(DataDirectory, "postgresql.conf"),
            "\n# Written on each start by NearshoreHub's LocalPostgresCluster.\ninclude_if_exists = 'nearshorehub.conf'\n",
            ct);
    }

    private void WriteServerSettings()
    {
        var settings = new StringBuilder()
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine(CultureInfo.InvariantCulture, $"unix_socket_directories = '{SocketDirectory.Replace("'", "''", StringComparison.Ordinal)}'")
            .AppendLine("max_connections = 200")
            .AppendLine("shared_buffers = 512MB")
            // A 100,000-row import writes a few hundred MB of WAL: with the default 1 GB every few imports forced a
            // checkpoint, and the full-page images after each one made the next import's writes larger.
            .AppendLine("max_wal_size = 4GB")
            .AppendLine("checkpoint_timeout = 15min")
            .AppendLine("work_mem = 16MB")
            .AppendLine("maintenance_work_mem = 512MB")
            .AppendLine("effective_cache_size = 8GB");
        if (_isTemporary)
        {
            // Test data is thrown away, so durability buys nothing but slower tests.
            settings.AppendLine("fsync = off")
                .AppendLine("synchronous_commit = off")
                .AppendLine("full_page_writes = off");
        }

        var path = Path.Combine(DataDirectory, "nearshorehub.conf");
        File.WriteAllText(path, settings.ToString());
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
    }

    private async Task StartServerAsync(CancellationToken ct)
    {
        await RemoveStalePidFileAsync(ct);
        if (!IsPortFree(Port))
        {
            var previous = Port;
            Port = ChoosePort();
            _logger.LogWarning("Port {Previous} is taken; PostgreSQL will use {Port}", previous, Port);
        }

        _logger.LogInformation("Starting PostgreSQL on 127.0.0.1:{Port} from {BinDirectory}", Port, _binDirectory);
        // pg_ctl puts the postmaster in its own session (setsid), so a Ctrl+C or signal sent to this
        // process group does not reach it; it stops only when we ask it to.
        var result = await RunPostgresToolAsync("pg_ctl", ct,
            "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-o", $"-p {Port}", "start");
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL failed to start (pg_ctl exit code {result.ExitCode}): {result.Output.Trim()}\n" +
                $"Last lines of {LogFile}:\n{TailOfLog()}");
        }

        _running = true;
        await File.WriteAllTextAsync(PortFile, Port.ToString(CultureInfo.InvariantCulture), ct);
    }

    private async Task StopCoreAsync(string mode, CancellationToken ct)
    {
        if (!_running)
        {
            return;
        }

        _logger.LogInformation("Stopping PostgreSQL on port {Port} ({Mode})", Port, mode);
        var result = await RunPostgresToolAsync("pg_ctl", ct, "-D", DataDirectory, "-m", mode, "-w", "-t", "60", "stop");
        if (result.ExitCode != 0)
        {
            _logger.LogWarning("pg_ctl stop exited with {ExitCode}: {Output}", result.ExitCode, result.Output.Trim());
        }

        _running = false;
    }

    /// <summary>The port of a live postmaster already serving this data directory, if any.</summary>
    private async Task<int?> FindRunningPostmasterPortAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile) || !await IsPostmasterAliveAsync(pidFile, ct))
        {
            return null;
        }

        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        return lines.Length > 3 && int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port) ? port : null;
    }

    private async Task RemoveStalePidFileAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile) && !await IsPostmasterAliveAsync(pidFile, ct))
        {
            // Left behind by a server that was killed; a recycled pid would make PostgreSQL refuse to start.
            _logger.LogWarning("Removing stale {PidFile} left by a PostgreSQL that did not shut down", pidFile);
            File.Delete(pidFile);
        }
    }

    private async Task<bool> IsPostmasterAliveAsync(string pidFile, CancellationToken ct)
    {
        var status = await RunPostgresToolAsync("pg_ctl", ct, "-D", DataDirectory, "status");
        if (status.ExitCode != 0)
        {
            return false;
        }

        // pg_ctl only checks that *some* process has that pid; after a reboot or in a container it may be another program.
        var lines = await File.ReadAllLinesAsync(pidFile, ct);
        if (lines.Length == 0 || !int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        var comm = $"/proc/{pid}/comm";
        return !File.Exists(comm) || (await File.ReadAllTextAsync(comm, ct)).StartsWith("postgres", StringComparison.Ordinal);
    }

    private async Task CreateDatabaseIfMissingAsync(string name, CancellationToken ct)
    {
        // Unpooled: a pooled connection may belong to an earlier run of this server on the same port.
        var adminConnectionString = new NpgsqlConnectionStringBuilder(GetConnectionString("postgres")) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync(ct);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await exists.ExecuteScalarAsync(ct) is not null)
            {
                return;
            }
        }

        _logger.LogInformation("Creating database {Database}", name);
        await using var create = new NpgsqlCommand($"CREATE DATABASE {QuoteIdentifier(name)}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // Created concurrently by someone else: what we wanted.
        }
    }

    private int ChoosePort()
    {
        if (File.Exists(PortFile)
            && int.TryParse(File.ReadAllText(PortFile).Trim(), CultureInfo.InvariantCulture, out var previous)
            && IsPortFree(previous))
        {
            return previous;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static string ChooseSocketDirectory(string root)
    {
        var inside = Path.Combine(root, "sock");
        if (inside.Length <= MaxSocketDirectoryLength)
        {
            return inside;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..12];
        return Path.Combine("/tmp", $"nshub-pg-sock-{hash}");
    }

    private static async Task RemoveAbandonedTemporaryClustersAsync(ILogger logger)
    {
        // Temporary clusters of test runs that were killed (no ProcessExit) would otherwise run forever.
        foreach (var dir in Directory.GetDirectories(Path.GetTempPath(), "nshub-pg-*"))
        {
            try
            {
                await RemoveIfAbandonedAsync(dir, logger);
            }
            catch (IOException)
            {
                // Removed meanwhile by its watchdog or by another test process: nothing left to do.
            }
        }
    }

    private static async Task RemoveIfAbandonedAsync(string dir, ILogger logger)
    {
        var ownerFile = Path.Combine(dir, "owner.pid");
        if (!File.Exists(ownerFile)
            || !int.TryParse(File.ReadAllText(ownerFile).Trim(), CultureInfo.InvariantCulture, out var ownerPid)
            || Directory.Exists($"/proc/{ownerPid}"))
        {
            return;
        }

        var binDirectory = FindBinDirectory();
        if (binDirectory is not null && File.Exists(Path.Combine(dir, "pgdata", "postmaster.pid")))
        {
            await RunAsync(Path.Combine(binDirectory, "pg_ctl"), asServiceUser: IsRoot, workingDirectory: dir, CancellationToken.None,
                "-D", Path.Combine(dir, "pgdata"), "-m", "immediate", "-w", "-t", "20", "stop");
        }

        logger.LogInformation("Removed abandoned temporary PostgreSQL cluster {Directory}", dir);
        TryDeleteDirectory(dir, logger);
    }

    /// <summary>
    /// Test runners may kill their test process without running exit handlers (vstest ends the testhost
    /// this way), and the postmaster lives in its own session, so a small detached shell stops the
    /// server and deletes the folder once this process is gone.
    /// </summary>
    private void StartOrphanWatchdog()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        const string script =
            "exec </dev/null >/dev/null 2>&1; " +
            "while kill -0 \"$1\"; do sleep 1; done; " +
            "if [ -f \"$3/postmaster.pid\" ]; then $5 \"$2\" -D \"$3\" -m immediate -w -t 20 stop; fi; " +
            "rm -rf \"$4\"";
        var startInfo = new ProcessStartInfo(File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : "/bin/sh")
        {
            // Fresh pipes rather than ours, so the watchdog never keeps a test runner's output open.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        if (startInfo.FileName != "/bin/sh")
        {
            startInfo.ArgumentList.Add("/bin/sh");
        }

        foreach (var argument in new[]
        {
            "-c", script, "nearshorehub-pg-watchdog", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
            Path.Combine(_binDirectory, "pg_ctl"), DataDirectory, RootDirectory, IsRoot ? $"runuser -u {ServiceUser} --" : "",
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        try
        {
            using var watchdog = Process.Start(startInfo);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            _logger.LogWarning(e, "Could not start the watchdog for {Directory}", RootDirectory);
        }
    }

    private void OnProcessExit(object? sender, EventArgs e)
    {
        try
        {
            DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(30));
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Could not stop PostgreSQL at process exit");
        }
    }

    private string TailOfLog()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(20));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    private Task<ProcessResult> RunPostgresToolAsync(string tool, CancellationToken ct, params string[] arguments) =>
        RunAsync(Path.Combine(_binDirectory, tool), asServiceUser: IsRoot, RootDirectory, ct, arguments);

    private async Task RunPostgresToolCheckedAsync(string tool, CancellationToken ct, params string[] arguments)
    {
        var result = await RunPostgresToolAsync(tool, ct, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed with exit code {result.ExitCode}: {result.Output.Trim()}");
        }
    }

    private async Task RunCheckedAsync(string program, CancellationToken ct, params string[] arguments)
    {
        var result = await RunAsync(program, asServiceUser: false, RootDirectory, ct, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed with exit code {result.ExitCode}: {result.Output.Trim()}");
        }
    }

    private static async Task<ProcessResult> RunAsync(
        string program, bool asServiceUser, string workingDirectory, CancellationToken ct, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo
        {
            FileName = asServiceUser ? "runuser" : program,
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (asServiceUser)
        {
            foreach (var argument in new[] { "-u", ServiceUser, "--", program })
            {
                startInfo.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The server's own messages go to its log file, so the PostgreSQL tools print little here.
        startInfo.Environment["LC_MESSAGES"] = "C";
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new ProcessResult(process.ExitCode, await stdout + await stderr);
    }

    private static string? TryRun(string program, params string[] arguments)
    {
        try
        {
            var startInfo = new ProcessStartInfo(program)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var process = Process.Start(startInfo);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return process.ExitCode == 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    private static bool HasServerBinaries(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));

    private static Version ParseVersion(string text) =>
        Version.TryParse(text.Contains('.', StringComparison.Ordinal) ? text : text + ".0", out var version) ? version : new Version(0, 0);

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void TryDeleteDirectory(string directory, ILogger logger)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(e, "Could not delete {Directory}", directory);
        }
    }

    private sealed record ProcessResult(int ExitCode, string Output);
}
