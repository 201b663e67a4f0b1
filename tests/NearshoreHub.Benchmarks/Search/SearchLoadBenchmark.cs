using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;

namespace NearshoreHub.Benchmarks.Search;

/// <summary>
/// End-to-end search and import figures against a running instance (issue 5):
/// <code>dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- search --url http://127.0.0.1:5080
///   --connection "Host=…;Database=nearshorehub;…" [--email admin@… --password …] [--iterations 30] [--import-rows 100000 [--import-only true] [--import-keep DIR] [--import-cleanup false] [--import-warm-up true] [--import-floors 1]]</code>
/// Each typical search (skill + country + rural; free text; overlap with a zone; everything at once) runs over HTTP
/// with its total count, and in the same run a naive query of the same meaning (ILIKE, no index scans) runs straight
/// against the database, so the ratio is measured on the same data and machine. Import throughput: see <see cref="ImportBenchmark"/>. Nothing here asserts: it prints medians and 95th percentiles.
/// </summary>
public static class SearchLoadBenchmark
{
    private sealed record Scenario(string Name, string Query, string NaiveWhere);

    private static readonly Scenario[] Scenarios =
    [
        new("skill + country + rural", "skills=Java:3&country=BR&rural=true&limit=20",
            "p.country = 'BR' AND p.is_rural AND EXISTS (SELECT 1 FROM professional_skills ps JOIN skills s ON s.id = ps.skill_id WHERE ps.professional_id = p.id AND s.name ILIKE 'java' AND ps.level >= 3)"),
        new("free text", "q=sao%20paulo&limit=20",
            "unaccent(p.full_name || ' ' || p.headline || ' ' || p.city) ILIKE '%sao%' AND unaccent(p.full_name || ' ' || p.headline || ' ' || p.city) ILIKE '%paulo%'"),
        new("overlap with a zone", "overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00&minOverlap=6&limit=20",
            // The naive way: a fixed-offset approximation per row, the very thing the spec forbids, still without an index.
            "least(extract(epoch FROM p.work_end) / 3600 - extract(epoch FROM (now() AT TIME ZONE p.time_zone) - (now() AT TIME ZONE 'UTC')) / 3600, 17 - extract(epoch FROM (now() AT TIME ZONE 'America/New_York') - (now() AT TIME ZONE 'UTC')) / 3600) - greatest(extract(epoch FROM p.work_start) / 3600 - extract(epoch FROM (now() AT TIME ZONE p.time_zone) - (now() AT TIME ZONE 'UTC')) / 3600, 9 - extract(epoch FROM (now() AT TIME ZONE 'America/New_York') - (now() AT TIME ZONE 'UTC')) / 3600) >= 6"),
        new("everything at once", "q=engineer&skills=Java:3&country=BR,MX&citySize=city,town&minEnglish=B2&maxRate=60&availableBy=2026-12-31&overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00&minOverlap=4&status=active&sort=rate&limit=20",
            "p.headline ILIKE '%engineer%' AND p.country IN ('BR','MX') AND p.city_population < 1000000 AND p.english_level IN ('B2','C1','C2') AND p.hourly_rate_usd <= 60 AND p.available_from <= '2026-12-31' AND p.status = 'Active' AND EXISTS (SELECT 1 FROM professional_skills ps JOIN skills s ON s.id = ps.skill_id WHERE ps.professional_id = p.id AND s.name ILIKE 'java' AND ps.level >= 3)"),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var url = options.GetValueOrDefault("url", "http://127.0.0.1:5080");
        var iterations = int.Parse(options.GetValueOrDefault("iterations", "30"), CultureInfo.InvariantCulture);
        using var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(30) };
        var login = await http.PostAsJsonAsync("/api/v1/auth/login", new
        {
            email = options.GetValueOrDefault("email", "admin@nearshorehub.local"),
            password = options.GetValueOrDefault("password", "Admin-Demo-2026!"),
        });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var connection = options.GetValueOrDefault("connection");
        var scenarios = options.GetValueOrDefault("import-only") == "true" ? [] : Scenarios;
        Console.WriteLine($"| search | total | HTTP median ms | HTTP p95 ms | naive median ms | naive p95 ms | ratio (median) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var scenario in scenarios)
        {
            var total = 0;
            var fast = await Measure(iterations, async () =>
            {
                var response = await http.GetAsync("/api/v1/professionals?" + scenario.Query);
                response.EnsureSuccessStatusCode();
                total = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
            });
            (double Median, double P95)? naive = null;
            if (connection is not null)
            {
                await using var db = new NpgsqlConnection(connection);
                await db.OpenAsync();
                await using (var off = new NpgsqlCommand("SET enable_indexscan = off; SET enable_bitmapscan = off; SET enable_indexonlyscan = off; SET statement_timeout = '120s'", db))
                {
                    await off.ExecuteNonQueryAsync();
                }

                naive = await Measure(Math.Max(3, iterations / 5), async () =>
                {
                    await using var count = new NpgsqlCommand($"SELECT count(*) FROM professionals p WHERE {scenario.NaiveWhere}", db);
                    await count.ExecuteScalarAsync();
                    await using var page = new NpgsqlCommand($"SELECT p.id FROM professionals p WHERE {scenario.NaiveWhere} ORDER BY p.full_name, p.id LIMIT 20", db);
                    await using var reader = await page.ExecuteReaderAsync();
                    while (await reader.ReadAsync())
                    {
                    }
                });
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {scenario.Name} | {total} | {fast.Median:F1} | {fast.P95:F1} | {naive?.Median:F1} | {naive?.P95:F1} | {(naive is { } n ? n.Median / fast.Median : double.NaN):F1}x |"));
        }

        if (options.TryGetValue("import-rows", out var rowsText))
        {
            var run = await ImportBenchmark.RunAsync(http, int.Parse(rowsText, CultureInfo.InvariantCulture), options.GetValueOrDefault("import-keep"),
                connection, cleanup: options.GetValueOrDefault("import-cleanup") != "false", warmUp: options.GetValueOrDefault("import-warm-up") == "true",
                floors: int.Parse(options.GetValueOrDefault("import-floors", "1"), CultureInfo.InvariantCulture));
            ImportBenchmark.Print(run);
        }

        return 0;
    }

    private static async Task<(double Median, double P95)> Measure(int iterations, Func<Task> action)
    {
        await action(); // warm-up
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            await action();
            samples[i] = stopwatch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(samples);
        return (samples[iterations / 2], samples[Math.Min(iterations - 1, (int)Math.Ceiling(iterations * 0.95) - 1)]);
    }
}
