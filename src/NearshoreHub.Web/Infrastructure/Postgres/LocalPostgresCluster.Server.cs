using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace NearshoreHub.Web.Infrastructure.Postgres;

/// <summary>Initialising, configuring, starting and stopping the server process, and choosing its port and socket.</summary>
public sealed partial class LocalPostgresCluster
{
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
        AppDomain.CurrentDomain.UnhandledException += cluster.OnUnhandledException;
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
}
