using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace NearshoreHub.Web.Infrastructure.Postgres;

/// <summary>Running the PostgreSQL tools (as the postgres user when root) and reading what they print.</summary>
public sealed partial class LocalPostgresCluster
{
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
