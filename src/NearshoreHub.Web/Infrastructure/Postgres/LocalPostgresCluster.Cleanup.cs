using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace NearshoreHub.Web.Infrastructure.Postgres;

/// <summary>Leaving nothing behind: abandoned temporary clusters, the orphan watchdog, process exit and a crash.</summary>
public sealed partial class LocalPostgresCluster
{
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

    /// <summary>
    /// A start that fails (a port in use, a migration that throws) ends the process with an unhandled exception, which
    /// raises no ProcessExit: without this the private cluster under .data/postgres outlived the app that started it.
    /// </summary>
    private void OnUnhandledException(object? sender, UnhandledExceptionEventArgs e)
    {
        if (e.IsTerminating)
        {
            OnProcessExit(sender, EventArgs.Empty);
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
}
