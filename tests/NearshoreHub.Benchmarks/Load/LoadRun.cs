using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NearshoreHub.Benchmarks.Ranking;

namespace NearshoreHub.Benchmarks.Load;

/// <summary>
/// A bounded, closed-loop load run of a realistic mix against a running instance (issue 6, item 8):
/// <code>dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- load --url http://127.0.0.1:5080
///   [--duration 60] [--connections 16] [--warmup 5] [--email admin@… --password …] [--markdown load.md]</code>
/// Sets itself up through the API (a company and its key, a few projects, one frozen and approved report), then
/// each of N connections sends one request after another for --duration seconds: searches with varied filters,
/// matches, project posts with an Idempotency-Key (as staff), and report list and reads (as the company's key).
/// Every latency is kept, so percentiles are exact; any status other than the expected one is an error and
/// fails the run. The app's rate limits must be raised for it (docs/benchmarks.md).
/// </summary>
public static partial class LoadRun
{
    public const string Usage = """
          load --url http://127.0.0.1:5080 [--duration 60] [--connections 16] [--warmup 5]
               [--email admin@nearshorehub.local --password …] [--markdown FILE]
               (start the app with RateLimits__PerCallerPerMinute=1000000, see docs/benchmarks.md)
        """;

    private enum Kind
    {
        Search,
        Matches,
        ProjectPost,
        ReportList,
        ReportGet,
    }

    // Shares of the mix: mostly recruiter reads, some client reads, a trickle of writes.
    private static readonly (Kind Kind, int Weight)[] Mix =
    [
        (Kind.Search, 40),
        (Kind.Matches, 30),
        (Kind.ProjectPost, 10),
        (Kind.ReportList, 10),
        (Kind.ReportGet, 10),
    ];

    private static readonly int MixTotal = Mix.Sum(m => m.Weight);

    private static readonly string[] Names = ["search", "matches", "project post", "report list", "report get"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed record Setup(string Token, string ApiKey, Guid CompanyId, Guid[] ProjectIds, Guid ReportProjectId, Guid ReportId);

    private sealed class Recorder
    {
        public List<double>[] Samples { get; } = Enumerable.Range(0, Names.Length).Select(_ => new List<double>(4096)).ToArray();

        public long[] Errors { get; } = new long[Names.Length];
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var url = options.GetValueOrDefault("url", "http://127.0.0.1:5080");
        var duration = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("duration", "60"), CultureInfo.InvariantCulture));
        var warmup = TimeSpan.FromSeconds(double.Parse(options.GetValueOrDefault("warmup", "5"), CultureInfo.InvariantCulture));
        var connections = int.Parse(options.GetValueOrDefault("connections", "16"), CultureInfo.InvariantCulture);
        var email = options.GetValueOrDefault("email", "admin@nearshorehub.local");
        var password = options.GetValueOrDefault("password", "Admin-Demo-2026!");

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = connections,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            AutomaticDecompression = DecompressionMethods.None,
        };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };

        Format.Progress($"Load run against {url}: {connections} connections, {duration.TotalSeconds:F0} s (+{warmup.TotalSeconds:F0} s warm-up)");
        var setup = await SetUpAsync(http, email, password);
        Format.Progress($"Set up: company {setup.CompanyId}, {setup.ProjectIds.Length} projects, approved report {setup.ReportId}");

        if (warmup > TimeSpan.Zero)
        {
            Format.Progress("Warming up (not recorded) …");
            var warm = await DriveAsync(http, setup, connections, warmup, seed: 1, progress: false);
            var warmErrors = warm.Sum(r => r.Errors.Sum());
            if (warmErrors > 0)
            {
                Format.Progress($"Warm-up had {warmErrors} errors; see above. Stopping.");
                return 1;
            }
        }

        Format.Progress("Recording …");
        var clock = Stopwatch.StartNew();
        var recorders = await DriveAsync(http, setup, connections, duration, seed: 1000, progress: true);
        var elapsed = clock.Elapsed.TotalSeconds;

        var table = Table(recorders, elapsed, connections, duration);
        Console.WriteLine();
        Console.WriteLine(table);
        if (options.TryGetValue("markdown", out var file))
        {
            await File.WriteAllTextAsync(file, table, new UTF8Encoding(false));
        }

        var all = recorders.SelectMany(r => r.Samples.SelectMany(s => s)).ToArray();
        var errors = recorders.Sum(r => r.Errors.Sum());
        Array.Sort(all);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {all.Length} requests in {elapsed:F1} s = {all.Length / elapsed:F1} req/s over {connections} connections, {errors} errors, p50 {Format.Ms(Percentile(all, 0.50))} ms, p95 {Format.Ms(Percentile(all, 0.95))} ms, p99 {Format.Ms(Percentile(all, 0.99))} ms, max {Format.Ms(all.Length == 0 ? double.NaN : all[^1])} ms"));
        return errors == 0 && all.Length > 0 ? 0 : 1;
    }

    private static async Task<Setup> SetUpAsync(HttpClient http, string email, string password)
    {
        var ready = await http.GetAsync("/health/ready");
        await EnsureAsync(ready, "/health/ready");
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password }, Json);
        await EnsureAsync(login, "sign-in (POST /api/v1/auth/login)");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString()!;

        var company = await SendAsync(http, HttpMethod.Post, "/api/v1/companies", token, null,
            new { name = $"Load run client {DateTime.UtcNow:yyyyMMdd-HHmmss}", timeZone = "America/New_York" });
        await EnsureAsync(company, "creating the company");
        var companyId = (await company.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();
        var key = await SendAsync(http, HttpMethod.Post, $"/api/v1/companies/{companyId}/api-keys", token, null, new { name = "load run" });
        await EnsureAsync(key, "issuing the company's API key");
        var apiKey = (await key.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("key").GetString()!;

        var projectIds = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            var created = await SendAsync(http, HttpMethod.Post, "/api/v1/projects", token, null, ProjectBody(companyId, new Random(i)));
            await EnsureAsync(created, "creating a project");
            projectIds.Add((await created.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid());
        }

        // The ranking index may still be loading right after start.
        var waited = Stopwatch.StartNew();
        while (true)
        {
            using var matches = await SendAsync(http, HttpMethod.Get, $"/api/v1/projects/{projectIds[0]}/matches?limit=20", token, null, null);
            if (matches.IsSuccessStatusCode)
            {
                break;
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(15))
            {
                await EnsureAsync(matches, "the first matches answer");
            }

            await Task.Delay(1000);
        }

        var report = await SendAsync(http, HttpMethod.Post, $"/api/v1/projects/{projectIds[0]}/match-reports", token, null, new { limit = 20 });
        await EnsureAsync(report, "freezing a match report");
        var reportId = (await report.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();
        var review = await SendAsync(http, HttpMethod.Post, $"/api/v1/match-reports/{reportId}/review", token, null,
            new { decision = "approved", notes = "Approved for the load run." });
        await EnsureAsync(review, "approving the match report");
        return new Setup(token, apiKey, companyId, [.. projectIds], projectIds[0], reportId);
    }

    private static async Task<Recorder[]> DriveAsync(HttpClient http, Setup setup, int connections, TimeSpan duration, int seed, bool progress)
    {
        var recorders = Enumerable.Range(0, connections).Select(_ => new Recorder()).ToArray();
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long completed = 0;
        long failed = 0;
        using var stop = new CancellationTokenSource();
        var reporter = progress ? ReportProgressAsync(() => Interlocked.Read(ref completed), () => Interlocked.Read(ref failed), stop.Token) : Task.CompletedTask;
        var workers = recorders.Select((recorder, index) => Task.Run(async () =>
        {
            var random = new Random(seed + index);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var kind = Pick(random);
                var started = Stopwatch.GetTimestamp();
                var ok = await SendOneAsync(http, setup, kind, random);
                var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                recorder.Samples[(int)kind].Add(ms);
                Interlocked.Increment(ref completed);
                if (!ok)
                {
                    recorder.Errors[(int)kind]++;
                    Interlocked.Increment(ref failed);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        await stop.CancelAsync();
        await reporter;
        return recorders;
    }

    private static async Task ReportProgressAsync(Func<long> completed, Func<long> failed, CancellationToken stop)
    {
        var clock = Stopwatch.StartNew();
        long last = 0;
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop);
                var now = completed();
                Format.Progress(string.Create(CultureInfo.InvariantCulture,
                    $"  {clock.Elapsed.TotalSeconds:F0} s: {now} requests, {failed()} errors, {(now - last) / 5.0:F1} req/s in the last 5 s"));
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Kind Pick(Random random)
    {
        var roll = random.Next(MixTotal);
        foreach (var (kind, weight) in Mix)
        {
            if (roll < weight)
            {
                return kind;
            }

            roll -= weight;
        }

        return Mix[^1].Kind;
    }

    private static readonly string[] Skills = ["Java", "Python", "JavaScript", "React", "C#", "TypeScript", "SQL", "Go", "Node.js", "AWS"];
    private static readonly string[] Countries = ["BR", "AR", "MX", "CO"];
    private static readonly string[] Words = ["sao paulo", "engineer", "backend", "cordoba", "developer", "maria", "guadalajara", "data"];
    private static readonly string[] ClientZones = ["America/New_York", "America/Chicago", "America/Los_Angeles", "America/Denver"];

    /// <summary>One of the recruiter search shapes of docs/benchmarks.md, with filters varied per request.</summary>
    private static string SearchQuery(Random random)
    {
        var offset = random.Next(3) * 20;
        return random.Next(3) switch
        {
            0 => $"skills={Uri.EscapeDataString(Skills[random.Next(Skills.Length)])}:{random.Next(1, 5)}&country={Countries[random.Next(Countries.Length)]}&rural={(random.Next(2) == 0 ? "true" : "false")}&offset={offset}&limit=20",
            1 => $"q={Uri.EscapeDataString(Words[random.Next(Words.Length)])}&offset={offset}&limit=20",
            _ => $"overlapZone={Uri.EscapeDataString(ClientZones[random.Next(ClientZones.Length)])}&overlapStart={8 + random.Next(3):00}:00&overlapEnd={16 + random.Next(3):00}:00&minOverlap={2 + random.Next(5)}&offset={offset}&limit=20",
        };
    }

    private static async Task<bool> SendOneAsync(HttpClient http, Setup setup, Kind kind, Random random)
    {
        try
        {
            using var response = kind switch
            {
                Kind.Search => await SendAsync(http, HttpMethod.Get, "/api/v1/professionals?" + SearchQuery(random), setup.Token, null, null),
                Kind.Matches => await SendAsync(http, HttpMethod.Get, $"/api/v1/projects/{setup.ProjectIds[random.Next(setup.ProjectIds.Length)]}/matches?limit=20", setup.Token, null, null),
                Kind.ProjectPost => await SendAsync(http, HttpMethod.Post, "/api/v1/projects", setup.Token, null, ProjectBody(setup.CompanyId, random), idempotencyKey: Guid.NewGuid().ToString()),
                Kind.ReportList => await SendAsync(http, HttpMethod.Get, $"/api/v1/projects/{setup.ReportProjectId}/match-reports", null, setup.ApiKey, null),
                _ => await SendAsync(http, HttpMethod.Get, $"/api/v1/match-reports/{setup.ReportId}", null, setup.ApiKey, null),
            };
            // The whole body is part of the answer's time.
            var body = await response.Content.ReadAsByteArrayAsync();
            var expected = kind == Kind.ProjectPost ? HttpStatusCode.Created : HttpStatusCode.OK;
            if (response.StatusCode == expected)
            {
                return true;
            }

            NoteError(kind, $"{(int)response.StatusCode} {Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300))}");
            return false;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            NoteError(kind, exception.GetType().Name + ": " + exception.Message);
            return false;
        }
    }

    private static int _errorsShown;

    // The first few errors are shown as they happen: one is enough to know what went wrong.
    private static void NoteError(Kind kind, string what)
    {
        if (Interlocked.Increment(ref _errorsShown) <= 5)
        {
            Format.Progress($"  error in {Names[(int)kind]}: {what}" + (what.StartsWith("429", StringComparison.Ordinal)
                ? " (rate limited: start the app with RateLimits__PerCallerPerMinute=1000000, see docs/benchmarks.md)"
                : ""));
        }
    }

    private static object ProjectBody(Guid companyId, Random random)
    {
        var first = random.Next(Skills.Length);
        var second = (first + 1 + random.Next(Skills.Length - 1)) % Skills.Length;
        return new
        {
            companyId,
            title = $"Load run project {random.Next(1_000_000)}",
            description = "Posted by the load run.",
            timeZone = ClientZones[random.Next(ClientZones.Length)],
            coreHours = new { start = "09:00", end = "17:00" },
            workingDays = new[] { "Mon", "Tue", "Wed", "Thu", "Fri" },
            minOverlapHours = 2 + random.Next(4),
            startDate = "2027-03-01",
            durationWeeks = 12,
            skills = new object[]
            {
                new { skill = Skills[first], minLevel = 2 + random.Next(3), required = true, weight = 2 },
                new { skill = Skills[second], minLevel = 2, required = false, weight = 1 },
            },
            minEnglishLevel = "B2",
            hourlyBudgetUsd = new { min = 20, max = 40 + random.Next(60) },
            headcount = 1 + random.Next(3),
        };
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string? token, string? apiKey, object? body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (apiKey is not null)
        {
            request.Headers.Add("X-Api-Key", apiKey);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        return http.SendAsync(request);
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync();
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {(body.Length > 500 ? body[..500] : body)}");
        }
    }
}
