using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NearshoreHub.Benchmarks.Ranking;
using NearshoreHub.Benchmarks.Search;

namespace NearshoreHub.Benchmarks.Recruiter;

internal sealed record SavedSearchRun(int Searches, int Changed, double ImportSeconds, long NewTotal, Timing List);

/// <summary>
/// Issue 18 "Speed": 50 saved searches (countries × skills × a refinement, exclusions among them) are saved, then an
/// import adds <c>changed</c> professionals after their seenAt; <c>GET /api/v1/saved-searches?limit=50</c> — every
/// search's <c>newCount</c> in one request — is timed. One count is checked against <c>…/{id}/new</c>. The saved
/// searches and the imported rows are deleted afterwards (the deletions announced to the app as any writer does).
/// </summary>
internal static class SavedSearchTimings
{
    private static readonly string[] Countries = ["BR", "AR", "MX", "CO", "PE"];
    private static readonly string[] Skills = ["Java:3", "Python:2", "React:3", "Go:2", "PostgreSQL:2"];
    private static readonly string[] Refinements = ["", "&rural=false", "&minEnglish=C1", "&notSkills=PHP", "&q=engineer", "&notCitySize=metro", "&maxRate=80", "&q=developer%20NOT%20mobile", "&sort=rate", "&status=active"];

    public static async Task<SavedSearchRun> RunAsync(HttpClient http, string connectionString, int searches, int changed, int warmups, int iterations)
    {
        var run = "s" + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var ids = new List<Guid>();
        try
        {
            for (var i = 0; i < searches; i++)
            {
                var query = $"country={Countries[i % Countries.Length]}&skills={Skills[i / Countries.Length % Skills.Length]}{Refinements[(i / (Countries.Length * Skills.Length) * Countries.Length + i % Countries.Length) % Refinements.Length]}";
                var created = await http.PostAsJsonAsync("/api/v1/saved-searches", new { name = $"Benchmark {run} {i:D2}", query });
                await HttpMatches.EnsureAsync(created, $"saving search {i} ({query})");
                ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
            }

            Format.Progress($"Saved {searches} searches; importing {Format.N(changed)} new professionals after their seenAt …");
            var file = Path.Combine(Path.GetTempPath(), $"nearshorehub-{run}.csv");
            await ImportBenchmark.WriteAsync(file, Enumerable.Range(0, changed).Select(i => ImportBenchmark.Row(run, i, changed: false)));
            var import = await ImportBenchmark.PostAsync(http, "saved-search changes", file, changed, changed);
            File.Delete(file);

            long newTotal = 0;
            var list = await Timing.MeasureAsync(warmups, iterations, async () =>
            {
                using var response = await http.GetAsync($"/api/v1/saved-searches?limit={searches}");
                await HttpMatches.EnsureAsync(response, "GET /api/v1/saved-searches");
                var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
                newTotal = items.Where(s => ids.Contains(s.GetProperty("id").GetGuid())).Sum(s => (long)s.GetProperty("newCount").GetInt32());
            });
            await CheckOneAsync(http, ids[0]);
            Format.Progress($"  saved searches: {searches} newCounts (sum {Format.N(newTotal)}) in one request: median {Format.Ms(list.Median)} ms, p95 {Format.Ms(list.P95)} ms");
            return new SavedSearchRun(searches, changed, import.Seconds, newTotal, list);
        }
        finally
        {
            foreach (var id in ids)
            {
                using var _ = await http.DeleteAsync($"/api/v1/saved-searches/{id}");
            }

            await ImportBenchmark.DeleteImportedAsync(connectionString, run);
        }
    }

    public static void Report(StringBuilder text, SavedSearchRun run) =>
        text.AppendLine(CultureInfo.InvariantCulture,
            $"| {run.Searches} saved searches, {Format.N(run.Changed)} professionals changed after seenAt (import {run.ImportSeconds:F1} s) | sum of newCount {Format.N(run.NewTotal)} | {Format.Ms(run.List.Median)} | {Format.Ms(run.List.P95)} |");

    private static async Task CheckOneAsync(HttpClient http, Guid id)
    {
        var one = await http.GetFromJsonAsync<JsonElement>($"/api/v1/saved-searches/{id}");
        var listed = await http.GetFromJsonAsync<JsonElement>($"/api/v1/saved-searches/{id}/new?limit=1");
        var (count, total) = (one.GetProperty("newCount").GetInt32(), listed.GetProperty("total").GetInt32());
        if (count != total)
        {
            throw new InvalidOperationException($"Saved search {id}: newCount {count} but …/new lists {total}.");
        }
    }
}
