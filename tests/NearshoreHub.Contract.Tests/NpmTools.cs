using System.Diagnostics;
using System.Text;

namespace NearshoreHub.Contract.Tests;

/// <summary>
/// Runs the npm tools of tests/api-contract (versions pinned by its package-lock.json). On a fresh clone the first
/// call installs them with `npm ci`; `.ci/run` may have done that already.
/// </summary>
internal static class NpmTools
{
    private static readonly SemaphoreSlim Install = new(1, 1);

    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, string arguments, string? workingDirectory = null)
    {
        await EnsureInstalledAsync();
        var executable = Path.Combine(ContractPaths.Tools, "node_modules", ".bin", tool);
        return await RunProcessAsync(executable, arguments, workingDirectory ?? ContractPaths.Tools);
    }

    /// <summary>Runs node (18 or later) on a script, in tests/api-contract.</summary>
    public static async Task<(int ExitCode, string Output)> NodeAsync(string arguments)
    {
        await EnsureInstalledAsync();
        return await RunProcessAsync("node", arguments, ContractPaths.Tools);
    }

    private static async Task EnsureInstalledAsync()
    {
        await Install.WaitAsync();
        try
        {
            if (Directory.Exists(Path.Combine(ContractPaths.Tools, "node_modules", ".bin")))
            {
                return;
            }

            var (code, output) = await RunProcessAsync("npm", "ci --no-audit --no-fund", ContractPaths.Tools);
            Assert.True(code == 0, "npm ci in tests/api-contract failed:\n" + output);
        }
        finally
        {
            Install.Release();
        }
    }

    private static async Task<(int, string)> RunProcessAsync(string file, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(file, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start " + file);
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        output.Append(await stdout).Append(await stderr);
        return (process.ExitCode, output.ToString());
    }
}
