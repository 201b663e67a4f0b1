using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NearshoreHub.Benchmarks.Ranking;
using Npgsql;

namespace NearshoreHub.Benchmarks.Webhooks;

/// <summary>
/// Webhook delivery figures (issue 16) against the real app run as a child process (Production, its own dispatcher)
/// on the private benchmark PostgreSQL, with a fast receiver on loopback in this process:
/// <code>dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- webhooks [--latency-events 50] [--throughput-events 5000]</code>
/// Latency: a project update through the API, timed from the moment the PUT was sent (the commit happens during it)
/// to the moment the receiver has the signed event. Throughput: a burst of outbox rows committed in one transaction,
/// timed from the commit to the last delivery.
/// </summary>
public static class WebhookBenchmark
{
    private const string Email = "admin@bench.nearshorehub.local";
    private const string Password = "Bench-Admin-Password-1";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var latencyEvents = int.Parse(options.GetValueOrDefault("latency-events", "50"), CultureInfo.InvariantCulture);
        var throughputEvents = int.Parse(options.GetValueOrDefault("throughput-events", "5000"), CultureInfo.InvariantCulture);
        var repoRoot = RankingBenchmark.FindRepoRoot();
        var webDll = WebAppProcess.FindWebDll(repoRoot);
        Directory.CreateDirectory(Path.Combine(repoRoot, ".data"));
        var logFile = Path.Combine(repoRoot, ".data", "bench-webhooks-web.log");

        var arrivals = new ConcurrentDictionary<string, long>();
        var (receiver, origin) = await StartReceiverAsync(arrivals);
        await using var receiverScope = receiver;
        await using var db = await BenchDatabase.OpenAsync(repoRoot, "webhooks_bench");
        var environment = WebAppProcess.AppEnvironment(db.ConnectionString, Email, Password);
        environment["Webhooks__AllowedPrivateTargets__0"] = origin;
        await WebAppProcess.RunCommandAsync(webDll, environment, logFile, "migrate");
        await using var app = await WebAppProcess.StartServerAsync(webDll, environment, logFile);
        Console.WriteLine($"app pid {app.ProcessId} at {app.Url}; receiver {origin}; database {db.Description}");

        using var http = new HttpClient { BaseAddress = new Uri(app.Url) };
        await WaitUntilLiveAsync(http);
        var login = await (await http.PostAsJsonAsync("/api/v1/auth/login", new { email = Email, password = Password })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.GetProperty("accessToken").GetString());
        var company = await (await http.PostAsJsonAsync("/api/v1/companies", new { name = "Bench " + Guid.NewGuid().ToString("N")[..8], timeZone = "America/New_York" }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var companyId = company.GetProperty("id").GetGuid();
        var key = await (await http.PostAsJsonAsync($"/api/v1/companies/{companyId}/api-keys", new { name = "bench" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        using var client = new HttpClient { BaseAddress = new Uri(app.Url) };
        client.DefaultRequestHeaders.Add("X-Api-Key", key.GetProperty("key").GetString());
        var endpoint = await (await client.PostAsJsonAsync("/api/v1/webhooks", new { url = origin + "/bench", events = new[] { "project.updated" } }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var endpointId = endpoint.GetProperty("id").GetGuid();
        var project = ProjectBody("Bench project 0");
        var projectId = (await (await client.PostAsJsonAsync("/api/v1/projects", project)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var latencies = new List<double>();
        for (var i = 1; i <= latencyEvents; i++)
        {
            var before = arrivals.Count;
            var sent = Stopwatch.GetTimestamp();
            (await client.PutAsJsonAsync($"/api/v1/projects/{projectId}", ProjectBody("Bench project " + i))).EnsureSuccessStatusCode();
            var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
            while (arrivals.Count == before && Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(1);
            }

            var arrived = arrivals.Values.Max();
            latencies.Add(Stopwatch.GetElapsedTime(sent, arrived).TotalMilliseconds);
            await Task.Delay(100);
        }

        latencies.Sort();
        Console.WriteLine($"latency commit → receiver over {latencies.Count} events: median {latencies[latencies.Count / 2]:0.0} ms, " +
            $"p95 {latencies[(int)(latencies.Count * 0.95)]:0.0} ms, max {latencies[^1]:0.0} ms");

        arrivals.Clear();
        var committed = await InsertBurstAsync(db.ConnectionString, companyId, endpointId, throughputEvents);
        var limit = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 300;
        while (arrivals.Count < throughputEvents && Stopwatch.GetTimestamp() < limit)
        {
            await Task.Delay(10);
        }

        var seconds = Stopwatch.GetElapsedTime(committed, arrivals.Values.Max()).TotalSeconds;
        Console.WriteLine($"throughput: {arrivals.Count} of {throughputEvents} delivered in {seconds:0.00} s = {arrivals.Count / seconds:0} deliveries/s " +
            $"(load average {File.ReadAllText("/proc/loadavg").Trim()})");
        return arrivals.Count == throughputEvents && latencies[latencies.Count / 2] <= 5000 && arrivals.Count / seconds >= 200 ? 0 : 1;
    }

    private static async Task WaitUntilLiveAsync(HttpClient http)
    {
        for (var i = 0; i < 600; i++)
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The app did not become ready within 60 s.");
    }

    private static async Task<long> InsertBurstAsync(string connectionString, Guid companyId, Guid endpointId, int count)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            WITH ev AS (
                INSERT INTO webhook_events (id, company_id, type, payload, created_at)
                SELECT gen_random_uuid(), $1, 'project.updated',
                       jsonb_build_object('type', 'project.updated', 'timestamp', now(), 'data', jsonb_build_object('projectId', gen_random_uuid(), 'changedFields', jsonb_build_array('title'))),
                       now()
                FROM generate_series(1, $3)
                RETURNING id)
            INSERT INTO webhook_deliveries (id, event_id, endpoint_id, status, attempt_count, next_attempt_at, created_at)
            SELECT gen_random_uuid(), ev.id, $2, 'Pending', 0, now(), now() FROM ev
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue(companyId);
            insert.Parameters.AddWithValue(endpointId);
            insert.Parameters.AddWithValue(count);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return Stopwatch.GetTimestamp();
    }

    private static async Task<(WebApplication Receiver, string Origin)> StartReceiverAsync(ConcurrentDictionary<string, long> arrivals)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var receiver = builder.Build();
        receiver.Run(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            arrivals.TryAdd(context.Request.Headers["webhook-id"].ToString(), Stopwatch.GetTimestamp());
            context.Response.StatusCode = StatusCodes.Status204NoContent;
        });
        await receiver.StartAsync();
        var address = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (receiver, new Uri(address).GetLeftPart(UriPartial.Authority));
    }

    private static Dictionary<string, object?> ProjectBody(string title) => new()
    {
        ["title"] = title,
        ["timeZone"] = "America/New_York",
        ["coreHours"] = new { start = "09:00", end = "17:00" },
        ["minOverlapHours"] = 4,
        ["startDate"] = "2027-03-01",
        ["durationWeeks"] = 12,
        ["skills"] = new object[] { new { skill = "csharp", minLevel = 3, required = true } },
    };
}
