using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NearshoreHub.Benchmarks.Ranking;

namespace NearshoreHub.Benchmarks.Recruiter;

/// <summary>
/// Issue 18 "Speed", self-contained like <c>ranking</c>: the bench database (seeded to N professionals when short), the
/// real app started against it (Production), then over HTTP: the search shapes with and without one exclusion, the
/// representation funnel, and 50 saved searches' newCount after 10,000 changes. Prints a report with the targets.
/// <code>dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- recruiter [--professionals 2200000]</code>
/// </summary>
internal static class RecruiterBenchmark
{
    public const string Usage = """
        recruiter [--professionals 2200000] [--iterations 30] [--warmups 3] [--saved 50] [--changed 10000] [--database NAME]
          Same database and app as `ranking` (NEARSHOREHUB_BENCH_CONNECTION, else <repo>/.data/bench-postgres;
          NEARSHOREHUB_BENCH_WEB_DLL to time another build). Imported rows and saved searches are deleted afterwards.
        """;

    private const string Email = "admin@nearshorehub.local";
    private const string Password = "Admin-Demo-2026!";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        int Get(string name, int fallback) => options.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var (professionals, iterations, warmups) = (Get("professionals", 2_200_000), Get("iterations", 30), Get("warmups", 3));
        var (saved, changed) = (Get("saved", 50), Get("changed", 10_000));
        var started = DateTime.UtcNow;
        var loadAtStart = RankingBenchmark.LoadAverage();
        var repoRoot = RankingBenchmark.FindRepoRoot();
        var webDll = WebAppProcess.FindWebDll(repoRoot);
        var logFile = Path.Combine(repoRoot, ".data", "bench-web.log");
        Directory.CreateDirectory(Path.GetDirectoryName(logFile)!);

        await using var db = await BenchDatabase.OpenAsync(repoRoot, options.GetValueOrDefault("database"));
        var environment = WebAppProcess.AppEnvironment(db.ConnectionString, Email, Password);
        await WebAppProcess.RunCommandAsync(webDll, environment, logFile, "migrate");
        var count = await db.EnsureProfessionalsAsync(professionals, a => WebAppProcess.RunCommandAsync(webDll, environment, logFile, a));

        Format.Progress("Starting the app (Production, no demo data) …");
        await using var app = await WebAppProcess.StartServerAsync(webDll, environment, logFile);
        using var http = await HttpMatches.SignInAsync(app, Email, Password);
        var companyId = await HttpMatches.CreateCompanyAsync(http);
        var projects = new List<(BenchProject Project, Guid Id)>();
        foreach (var project in BenchProject.All.Where(p => p.Name is "java-backend" or "frontend-react" or "rare-genai" or "sql-common"))
        {
            var created = await http.PostAsJsonAsync("/api/v1/projects", project.ToRequest(companyId), HttpMatches.Json);
            await HttpMatches.EnsureAsync(created, $"creating project {project.Name}");
            projects.Add((project, (await created.Content.ReadFromJsonAsync<JsonElement>(HttpMatches.Json)).GetProperty("id").GetGuid()));
        }

        await HttpMatches.WaitAsync(app, "the app's index (first matches answer)", TimeSpan.FromMinutes(15), async () =>
            (await http.GetAsync($"/api/v1/projects/{projects[0].Id}/matches?limit=1")).IsSuccessStatusCode);

        Format.Progress($"Search with and without one exclusion ({iterations} alternating pairs each) …");
        var exclusions = await ExclusionTimings.RunAsync(http, warmups, iterations);
        Format.Progress("Representation funnel …");
        var funnels = await FunnelTimings.RunAsync(http, projects, warmups, iterations);
        Format.Progress("Saved searches …");
        var savedRun = await SavedSearchTimings.RunAsync(http, db.ConnectionString, saved, changed, warmups, iterations);
        Format.Progress($"  app at the end: {ResidentSet.Describe(app.ProcessId)}");

        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Recruiter workflow benchmark, {started:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        var command = $"dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- recruiter {string.Join(' ', args)}".TrimEnd();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {RankingBenchmark.MachineDescription()}; load average {loadAtStart} at start, {RankingBenchmark.LoadAverage()} at end");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Database: {db.Description}; {Format.N(count)} professionals; app {webDll}");
        text.AppendLine();
        ExclusionTimings.Report(text, exclusions);
        text.AppendLine();
        FunnelTimings.Report(text, funnels);
        text.AppendLine();
        text.AppendLine("| saved searches | new | median (ms) | p95 (ms) |");
        text.AppendLine("| --- | ---: | ---: | ---: |");
        SavedSearchTimings.Report(text, savedRun);
        text.AppendLine();
        text.AppendLine("| target | measured | met |");
        text.AppendLine("| --- | ---: | :---: |");
        var withExclusion = exclusions.Take(4).ToList();
        Target(text, "search with one exclusion: median ≤ 100 ms (worst of the four shapes)", withExclusion.Max(r => r.Excluded.Median), 100);
        Target(text, "search with one exclusion: p95 ≤ 300 ms (worst of the four shapes)", withExclusion.Max(r => r.Excluded.P95), 300);
        Target(text, $"{saved} saved searches' newCount ≤ 200 ms in total (median)", savedRun.List.Median, 200);
        Target(text, "representation funnel ≤ 100 ms (median, worst project)", funnels.Max(f => f.Timing.Median), 100);
        Console.WriteLine();
        Console.WriteLine(text.ToString());
        return 0;
    }

    private static void Target(StringBuilder text, string name, double value, double limit) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Format.F(value, value < 10 ? "F2" : "F1")} ms | {(value <= limit ? "yes" : "**no**")} |");
}
