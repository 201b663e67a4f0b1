using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NearshoreHub.Benchmarks.Ranking;

namespace NearshoreHub.Benchmarks.Recruiter;

/// <summary>One search shape over HTTP with and without one exclusion, timed alternately in the same run.</summary>
internal sealed record ExclusionRun(string Name, string Exclusion, int BaseTotal, int ExcludedTotal, Timing Base, Timing Excluded);

/// <summary>
/// Issue 18 "Speed": the four search shapes of issue 5 each with one exclusion added (product.md §13: <c>notSkills</c>,
/// <c>NOT word</c> in <c>q</c>, <c>notCountry</c>), plus a query that only excludes (the whole pool minus one country).
/// Each pair is timed alternately (plain, excluded, plain, …) so both see the same machine; nothing asserts here.
/// </summary>
internal static class ExclusionTimings
{
    private sealed record Shape(string Name, string Query, string Excluded, string Exclusion);

    private static readonly Shape[] Shapes =
    [
        new("skill + country + rural", "skills=Java:3&country=BR&rural=true&limit=20",
            "skills=Java:3&country=BR&rural=true&notSkills=Kotlin&limit=20", "notSkills=Kotlin"),
        new("free text", "q=sao%20paulo&limit=20", "q=sao%20paulo%20NOT%20engineer&limit=20", "q … NOT engineer"),
        new("overlap with a zone", "overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00&minOverlap=6&limit=20",
            "overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00&minOverlap=6&notCountry=MX&limit=20", "notCountry=MX"),
        new("everything at once",
            "q=engineer&skills=Java:3&country=BR,MX&citySize=city,town&minEnglish=B2&maxRate=60&availableBy=2026-12-31&overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00&minOverlap=4&status=active&sort=rate&limit=20",
            "q=engineer&skills=Java:3&country=BR,MX&citySize=city,town&minEnglish=B2&maxRate=60&availableBy=2026-12-31&overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00&minOverlap=4&status=active&sort=rate&notSkills=PHP&limit=20",
            "notSkills=PHP"),
        new("only an exclusion (whole pool)", "limit=20", "notCountry=BR&limit=20", "notCountry=BR"),
    ];

    public static async Task<IReadOnlyList<ExclusionRun>> RunAsync(HttpClient http, int warmups, int iterations)
    {
        var runs = new List<ExclusionRun>();
        foreach (var shape in Shapes)
        {
            for (var i = 0; i < warmups; i++)
            {
                await SearchAsync(http, shape.Query);
                await SearchAsync(http, shape.Excluded);
            }

            var plain = new List<double>();
            var excluded = new List<double>();
            int plainTotal = 0, excludedTotal = 0;
            for (var i = 0; i < iterations; i++)
            {
                (plainTotal, var a) = await SearchAsync(http, shape.Query);
                (excludedTotal, var b) = await SearchAsync(http, shape.Excluded);
                plain.Add(a);
                excluded.Add(b);
            }

            var run = new ExclusionRun(shape.Name, shape.Exclusion, plainTotal, excludedTotal, Timing.Of(plain), Timing.Of(excluded));
            Format.Progress($"  search {shape.Name,-32} {Format.N(plainTotal),9} → {Format.N(excludedTotal),9} with {shape.Exclusion}: " +
                $"median {Format.Ms(run.Base.Median)} → {Format.Ms(run.Excluded.Median)} ms, p95 {Format.Ms(run.Base.P95)} → {Format.Ms(run.Excluded.P95)} ms");
            if (excludedTotal > plainTotal)
            {
                throw new InvalidOperationException($"{shape.Name}: the exclusion raised the total ({plainTotal} → {excludedTotal}).");
            }

            runs.Add(run);
        }

        return runs;
    }

    public static void Report(StringBuilder text, IReadOnlyList<ExclusionRun> runs)
    {
        text.AppendLine("| search | exclusion added | total → with exclusion | median ms (plain → excluded) | p95 ms (plain → excluded) |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: |");
        foreach (var run in runs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Name} | `{run.Exclusion}` | {Format.N(run.BaseTotal)} → {Format.N(run.ExcludedTotal)} | {Format.Ms(run.Base.Median)} → {Format.Ms(run.Excluded.Median)} | {Format.Ms(run.Base.P95)} → {Format.Ms(run.Excluded.P95)} |");
        }
    }

    private static async Task<(int Total, double Milliseconds)> SearchAsync(HttpClient http, string query)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await http.GetAsync("/api/v1/professionals?" + query);
        await HttpMatches.EnsureAsync(response, $"GET /api/v1/professionals?{query}");
        var total = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt32();
        return (total, clock.Elapsed.TotalMilliseconds);
    }
}
