using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NearshoreHub.Benchmarks.Ranking;

namespace NearshoreHub.Benchmarks.Recruiter;

/// <summary>One project's representation funnel over HTTP; <see cref="Nudge"/> is what it proposed (null: none helps).</summary>
internal sealed record FunnelRun(string Project, Timing Timing, int Pool, string? Nudge);

/// <summary>
/// Issue 18 "Speed": <c>GET /api/v1/projects/{id}/representation?top=20</c> for benchmark projects created through the
/// API (the funnel ranks the project, and for the nudge up to three relaxations of it, in the app's index).
/// </summary>
internal static class FunnelTimings
{
    public static async Task<IReadOnlyList<FunnelRun>> RunAsync(HttpClient http, IReadOnlyList<(BenchProject Project, Guid Id)> projects, int warmups, int iterations)
    {
        var runs = new List<FunnelRun>();
        foreach (var (project, id) in projects)
        {
            var url = $"/api/v1/projects/{id}/representation?top=20";
            JsonElement body = default;
            var timing = await Timing.MeasureAsync(warmups, iterations, async () =>
            {
                using var response = await http.GetAsync(url);
                await HttpMatches.EnsureAsync(response, $"GET {url}");
                body = await response.Content.ReadFromJsonAsync<JsonElement>();
            });
            var pool = body.GetProperty("stages")[0].GetProperty("total").GetInt32();
            var nudge = body.GetProperty("nudge") is { ValueKind: JsonValueKind.Object } n ? n.GetProperty("description").GetString() : null;
            Format.Progress($"  funnel {project.Name,-18} pool {Format.N(pool),9}: median {Format.Ms(timing.Median)} ms, p95 {Format.Ms(timing.P95)} ms; nudge: {nudge ?? "none"}");
            runs.Add(new FunnelRun(project.Name, timing, pool, nudge));
        }

        return runs;
    }

    public static void Report(StringBuilder text, IReadOnlyList<FunnelRun> runs)
    {
        text.AppendLine("| project | eligible pool | median (ms) | p95 (ms) | nudge |");
        text.AppendLine("| --- | ---: | ---: | ---: | --- |");
        foreach (var run in runs)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Project} | {Format.N(run.Pool)} | {Format.Ms(run.Timing.Median)} | {Format.Ms(run.Timing.P95)} | {run.Nudge ?? "none"} |");
        }
    }
}
