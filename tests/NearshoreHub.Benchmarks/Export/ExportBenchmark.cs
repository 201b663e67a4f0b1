using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace NearshoreHub.Benchmarks.Export;

/// <summary>
/// Streams GET /api/v1/professionals/export from a running instance and reads the whole body, while sampling the app
/// process's resident memory, to show that exporting stays in constant memory however many rows there are (issue 5):
/// <code>dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- export --url http://127.0.0.1:5080
///   [--email admin@… --password …] [--pid 12345] [--query "country=BR"]</code>
/// --pid names the app's process (same machine): its VmRSS is read from /proc every 100 ms. Without it only the
/// client side is measured. Nothing here asserts: it prints progress lines and one summary line.
/// </summary>
public static class ExportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var url = options.GetValueOrDefault("url", "http://127.0.0.1:5080");
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = Timeout.InfiniteTimeSpan };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new
        {
            email = options.GetValueOrDefault("email", "admin@nearshorehub.local"),
            password = options.GetValueOrDefault("password", "Admin-Demo-2026!"),
        });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        int? pid = options.TryGetValue("pid", out var pidText) ? int.Parse(pidText, CultureInfo.InvariantCulture) : null;
        var rssAtStart = pid is { } p ? ResidentBytes(p) : null;
        long peakRss = rssAtStart ?? 0;
        long lastRss = peakRss;
        using var sampling = new CancellationTokenSource();
        var sampler = pid is { } sampled ? Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                if (ResidentBytes(sampled) is { } rss)
                {
                    lastRss = rss;
                    peakRss = Math.Max(peakRss, rss);
                }

                try
                {
                    await Task.Delay(100, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }) : Task.CompletedTask;

        var query = options.GetValueOrDefault("query", "");
        var stopwatch = Stopwatch.StartNew();
        using var response = await http.GetAsync("/api/v1/professionals/export" + (query.Length > 0 ? "?" + query : ""), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var firstByteMs = stopwatch.Elapsed.TotalMilliseconds;
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[64 * 1024];
        long bytes = 0, lines = 0;
        var nextReport = TimeSpan.FromSeconds(2);
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            if (stopwatch.Elapsed >= nextReport)
            {
                nextReport += TimeSpan.FromSeconds(2);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  {stopwatch.Elapsed.TotalSeconds,6:F1} s  {lines - 1,10:N0} rows  {bytes / 1e6,8:F1} MB  {(lines - 1) / stopwatch.Elapsed.TotalSeconds,8:N0} rows/s{Rss(pid is null ? null : lastRss)}"));
            }
        }

        stopwatch.Stop();
        await sampling.CancelAsync();
        await sampler;
        var rows = Math.Max(0, lines - 1); // the header line
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var memory = rssAtStart is { } start
            ? string.Create(CultureInfo.InvariantCulture, $"; app RSS at start {start / 1e6:F0} MB, peak {peakRss / 1e6:F0} MB (+{(peakRss - start) / 1e6:F0} MB), at end {lastRss / 1e6:F0} MB")
            : "; app memory not sampled (pass --pid)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"export: {rows:N0} rows, {bytes / 1e6:F1} MB in {seconds:F1} s = {rows / seconds:N0} rows/s ({bytes / 1e6 / seconds:F1} MB/s), first byte after {firstByteMs:F0} ms{memory}"));
        return 0;
    }

    private static string Rss(long? rss) => rss is { } value ? string.Create(CultureInfo.InvariantCulture, $"  app RSS {value / 1e6,6:F0} MB") : "";

    /// <summary>VmRSS of a process on Linux, in bytes; null when it cannot be read.</summary>
    private static long? ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                    return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
