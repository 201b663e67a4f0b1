using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Benchmarks.Ranking;

/// <param name="Holidays">True for the project created with the default calendars (<c>["US"]</c>), false for <c>holidayCalendars: []</c>
/// (professionals still observe their own calendars).</param>
internal sealed record HttpResult(BenchProject Project, bool Holidays, Timing Timing, IReadOnlyList<(Guid Id, decimal Score)> Top);

/// <summary>
/// `GET /api/v1/projects/{id}/matches?limit=20` against the real app: signs in, creates a company and the
/// benchmark projects through the API, each twice (no client calendar, <c>holidayCalendars: []</c>; and the default US
/// calendar; each professional always observes their country's), waits until the app's own index is built, then times
/// each project both ways.
/// </summary>
internal static class HttpMatches
{
    internal static readonly JsonSerializerOptions Json = CreateJsonOptions();

    public static async Task<IReadOnlyList<HttpResult>> RunAsync(
        WebAppProcess app, string email, string password, IReadOnlyList<BenchProject> projects, int warmups, int iterations)
    {
        using var http = await SignInAsync(app, email, password);
        var companyId = await CreateCompanyAsync(http);

        var ids = new List<(BenchProject Project, bool Holidays, Guid Id)>();
        foreach (var project in projects)
        {
            foreach (var holidays in new[] { false, true })
            {
                var created = await http.PostAsJsonAsync("/api/v1/projects", project.ToRequest(companyId, holidays ? null : []), Json);
                await EnsureAsync(created, $"creating project {project.Name} ({(holidays ? "US calendar" : "no client calendar")})");
                ids.Add((project, holidays, (await created.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid()));
            }
        }

        await WaitAsync(app, "the app's ranking index (first matches answer)", TimeSpan.FromMinutes(15), async () =>
            (await http.GetAsync($"/api/v1/projects/{ids[0].Id}/matches?limit=20")).StatusCode == HttpStatusCode.OK);
        // Measured from outside, as an operator would see it; a few seconds let the post-build collection settle.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Format.Progress($"  app after the index build: {ResidentSet.Describe(app.ProcessId)}");

        var results = new List<HttpResult>();
        foreach (var (project, holidays, id) in ids)
        {
            var url = $"/api/v1/projects/{id}/matches?limit=20";
            byte[] last = [];
            var timing = await Timing.MeasureAsync(warmups, iterations, async () =>
            {
                using var response = await http.GetAsync(url);
                last = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(last)}");
                }
            });
            var top = JsonDocument.Parse(last).RootElement.GetProperty("items").EnumerateArray()
                .Select(item => (item.GetProperty("professional").GetProperty("id").GetGuid(), item.GetProperty("score").GetDecimal()))
                .ToList();
            Format.Progress($"  HTTP {project.Name,-18} {(holidays ? "client calendar US  " : "no client calendar  ")} median {Format.Ms(timing.Median)} ms, p95 {Format.Ms(timing.P95)} ms ({timing.Count} requests)");
            results.Add(new HttpResult(project, holidays, timing, top));
        }

        Format.Progress($"  app after the HTTP timings: {ResidentSet.Describe(app.ProcessId)}");
        return results;
    }

    /// <summary>Waits for /health/ready, then signs in as the bootstrap admin: a client for the app's API.</summary>
    internal static async Task<HttpClient> SignInAsync(WebAppProcess app, string email, string password)
    {
        var http = new HttpClient { BaseAddress = new Uri(app.Url), Timeout = TimeSpan.FromMinutes(10) };
        await WaitAsync(app, "the app to be ready (/health/ready)", TimeSpan.FromMinutes(20), async () =>
            (await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);

        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new { email, password }, Json);
        await EnsureAsync(login, "sign-in (POST /api/v1/auth/login)");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    internal static async Task<Guid> CreateCompanyAsync(HttpClient http)
    {
        var company = await http.PostAsJsonAsync("/api/v1/companies",
            new { name = $"Benchmark client {DateTime.UtcNow:yyyyMMdd-HHmmss}", timeZone = "America/New_York" }, Json);
        await EnsureAsync(company, "creating the benchmark company");
        return (await company.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();
    }

    internal static async Task WaitAsync(WebAppProcess app, string what, TimeSpan limit, Func<Task<bool>> probe)
    {
        Format.Progress($"Waiting for {what} …");
        var clock = Stopwatch.StartNew();
        var lastNote = TimeSpan.Zero;
        while (true)
        {
            if (app.HasExited)
            {
                throw new InvalidOperationException("The app exited while starting; see .data/bench-web.log.");
            }

            try
            {
                if (await probe())
                {
                    Format.Progress($"  … ready after {clock.Elapsed.TotalSeconds:F1} s");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {limit.TotalMinutes:F0} min.");
            }

            if (clock.Elapsed - lastNote > TimeSpan.FromSeconds(15))
            {
                lastNote = clock.Elapsed;
                Format.Progress($"  … still waiting ({clock.Elapsed.TotalSeconds:F0} s)");
            }

            await Task.Delay(500);
        }
    }

    internal static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }
}
