using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace NearshoreHub.Benchmarks.Ranking;

/// <summary>
/// The real NearshoreHub.Web build run as a child process: for its `migrate` and `seed` commands (so the database
/// is prepared by the app's own DatabaseInitializer and DemoDataSeeder) and as the HTTP server under test.
/// Output goes to a log file; lines worth seeing (seeding progress, index build) are echoed.
/// </summary>
internal sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private WebAppProcess(Process process, StreamWriter log, string url)
    {
        _process = process;
        _log = log;
        Url = url;
    }

    public string Url { get; }

    public int ProcessId => _process.Id;

    /// <summary>NearshoreHub.Web.dll built beside this benchmark (same configuration), unless NEARSHOREHUB_BENCH_WEB_DLL says otherwise.</summary>
    public static string FindWebDll(string repoRoot)
    {
        var overridden = Environment.GetEnvironmentVariable("NEARSHOREHUB_BENCH_WEB_DLL");
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return Path.GetFullPath(overridden);
        }

        // …/tests/NearshoreHub.Benchmarks/bin/Release/net10.0/ → …/src/NearshoreHub.Web/bin/Release/net10.0/
        var benchBin = Path.Combine(repoRoot, "tests", "NearshoreHub.Benchmarks", "bin");
        var relative = Path.GetRelativePath(benchBin, AppContext.BaseDirectory);
        var candidate = Path.Combine(repoRoot, "src", "NearshoreHub.Web", "bin", relative, "NearshoreHub.Web.dll");
        if (!relative.StartsWith("..", StringComparison.Ordinal) && File.Exists(candidate))
        {
            return candidate;
        }

        throw new FileNotFoundException(
            $"NearshoreHub.Web.dll not found at {candidate}. Run the benchmark with `dotnet run -c Release --project tests/NearshoreHub.Benchmarks`, " +
            "which builds the web project too, or set NEARSHOREHUB_BENCH_WEB_DLL.");
    }

    public static Dictionary<string, string> AppEnvironment(string connectionString, string email, string password) => new()
    {
        ["ConnectionStrings__Default"] = connectionString,
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Bootstrap__AdminEmail"] = email,
        ["Bootstrap__AdminPassword"] = password,
        ["DemoData__SeedWhenEmpty"] = "false",
        // The benchmarks send hundreds of requests a minute as one caller; the limiter stays on (and shared), only its
        // limits are raised so that it never answers 429.
        ["RateLimits__PerCallerPerMinute"] = "1000000",
        ["RateLimits__AnonymousPerIpPerMinute"] = "1000000",
        ["RateLimits__SignInPerIpPerMinute"] = "1000000",
    };

    /// <summary>Runs one command of the app (`migrate`, `seed …`) to completion, echoing its output.</summary>
    public static async Task RunCommandAsync(string webDll, IReadOnlyDictionary<string, string> environment, string logFile, params string[] args)
    {
        using var process = new Process { StartInfo = StartInfo(webDll, environment, args) };
        await using var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"--- {DateTime.Now:O} NearshoreHub.Web {string.Join(' ', args)}");
        process.Start();
        // Split on '\r' as well as '\n': the seeder redraws its progress line with carriage returns.
        await Task.WhenAll(
            PumpAsync(process.StandardOutput, line => Echo(log, line, echoAll: true)),
            PumpAsync(process.StandardError, line => Echo(log, line, echoAll: true)),
            process.WaitForExitAsync());
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"`NearshoreHub.Web {string.Join(' ', args)}` failed with exit code {process.ExitCode}; see {logFile}.");
        }
    }

    /// <summary>Starts the server on a free loopback port.</summary>
    public static async Task<WebAppProcess> StartServerAsync(string webDll, IReadOnlyDictionary<string, string> environment, string logFile)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var process = new Process { StartInfo = StartInfo(webDll, environment, ["--urls", url]) };
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        await log.WriteLineAsync($"--- {DateTime.Now:O} NearshoreHub.Web server at {url}");
        process.OutputDataReceived += (_, e) => Echo(log, e.Data, echoAll: false);
        process.ErrorDataReceived += (_, e) => Echo(log, e.Data, echoAll: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WebAppProcess(process, log, url);
    }

    public bool HasExited => _process.HasExited;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private static ProcessStartInfo StartInfo(string webDll, IReadOnlyDictionary<string, string> environment, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            // The content root (appsettings.json, Data/Reference) is the build folder.
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(webDll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        var buffer = new char[4096];
        var line = new System.Text.StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] is '\r' or '\n')
                {
                    if (line.Length > 0)
                    {
                        onLine(line.ToString());
                        line.Clear();
                    }
                }
                else
                {
                    line.Append(buffer[i]);
                }
            }
        }

        if (line.Length > 0)
        {
            onLine(line.ToString());
        }
    }

    private static void Echo(StreamWriter log, string? line, bool echoAll)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }

        if (echoAll || line.Contains("Ranking index built", StringComparison.Ordinal) || line.Contains("ERR]", StringComparison.Ordinal)
            || line.Contains("FTL]", StringComparison.Ordinal))
        {
            Console.WriteLine($"    app │ {line}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
