using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Matching;
using NodaTime;

namespace NearshoreHub.Benchmarks.Ranking;

/// <summary>
/// Issue 3 "Speed": ranking index build time and heap, Rank latency per project, the same-run SQL baseline (with
/// its top 20 checked against the index) and matches over HTTP from the real app, optionally at several sizes.
/// <code>dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- ranking --professionals 2200000</code>
/// </summary>
public static partial class RankingBenchmark
{
    public const string Usage = """
        ranking [--professionals N | --scale N1,N2,…] [--iterations 50] [--warmups 5] [--sql-runs 3]
                [--http-iterations 50] [--skip-sql] [--skip-http] [--email E --password P] [--database NAME]
          Database: NEARSHOREHUB_BENCH_CONNECTION, else a private PostgreSQL in <repo>/.data/bench-postgres
          (database nearshorehub, or NAME, created when missing: e.g. one database per size).
          Seeds demo professionals (NearshoreHub.Web seed) until N exist; never deletes any.
          --scale measures build time, heap and ranking at each size (seeding upwards), then the SQL baseline
          and HTTP at the largest. Exit code 1 when the SQL baseline or HTTP top 20 differs from the index.
        """;

    private sealed record Options(
        long[] Sizes, int Iterations, int Warmups, int SqlRuns, int HttpIterations, bool SkipSql, bool SkipHttp, string Email, string Password, string? Database);

    private sealed record IndexRun(BenchProject Project, ProjectQuery Query, Timing Timing, RankingResult Result);

    private sealed record ScaleRow(long Professionals, double LoadSeconds, double BuildSeconds, double HeapMb, IReadOnlyList<IndexRun> Runs);

    private sealed record SqlRun(BenchProject Project, Timing Timing, bool Same);

    public static async Task<int> RunAsync(string[] args)
    {
        Options options;
        try
        {
            options = Parse(args);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + Usage);
            return 2;
        }

        var started = DateTime.UtcNow;
        var loadAtStart = LoadAverage();
        var command = "dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- ranking " + string.Join(' ', args);
        var repoRoot = FindRepoRoot();
        var webDll = WebAppProcess.FindWebDll(repoRoot);
        Directory.CreateDirectory(Path.Combine(repoRoot, ".data"));
        var logFile = Path.Combine(repoRoot, ".data", "bench-web.log");
        Format.Progress($"Ranking benchmark: sizes {string.Join(", ", options.Sizes.Select(Format.N))}; app {webDll}; app log {logFile}");

        await using var db = await BenchDatabase.OpenAsync(repoRoot, options.Database);
        var environment = WebAppProcess.AppEnvironment(db.ConnectionString, options.Email, options.Password);
        Format.Progress("Applying migrations and the skills catalogue (NearshoreHub.Web migrate → DatabaseInitializer) …");
        await WebAppProcess.RunCommandAsync(webDll, environment, logFile, "migrate");
        var skillIds = await db.SkillIdsAsync();
        var graph = await db.SkillGraphAsync();
        var projects = BenchProject.All;
        var queries = projects.Select(p => p.ToQuery(skillIds)).ToList();
        foreach (var query in queries)
        {
            query.Validate();
        }

        var rows = new List<ScaleRow>();
        CandidateIndex? index = null;
        (IReadOnlyList<HolidayRun> Runs, Timing Slots) holidayRuns = ([], Timing.Of([]));
        foreach (var size in options.Sizes)
        {
            await db.EnsureProfessionalsAsync(size, a => WebAppProcess.RunCommandAsync(webDll, environment, logFile, a));
            // Drop the previous size's index before measuring the next one's heap.
            index = null;
            var (built, row) = await BuildAndRankAsync(db, graph, projects, queries, options);
            index = built;
            IndexSearches.Run(index, skillIds, options.Warmups, options.Iterations);
            holidayRuns = HolidayTimings.Run(index, projects, queries, repoRoot, options.Warmups, options.Iterations);
            rows.Add(row);
        }

        var final = rows[^1];
        var failures = new List<string>();

        var sqlRuns = new List<SqlRun>();
        if (!options.SkipSql)
        {
            sqlRuns.AddRange(await RunSqlBaselineAsync(db, final, options, failures));
        }

        var httpRuns = new List<HttpResult>();
        if (!options.SkipHttp)
        {
            Format.Progress("Starting the app (Production, no demo data) for HTTP timings …");
            await using var app = await WebAppProcess.StartServerAsync(webDll, environment, logFile);
            Format.Progress($"  app pid {app.ProcessId} at {app.Url}");
            httpRuns.AddRange(await HttpMatches.RunAsync(app, options.Email, options.Password, projects, options.Warmups, options.HttpIterations));
            foreach (var http in httpRuns)
            {
                var holidays = holidayRuns.Runs.Single(r => r.Project == http.Project);
                var result = http.Holidays ? holidays.OnResult : holidays.NoClientCalendarResult;
                var expected = result.Items.Select(i => (i.CandidateId, i.Score)).ToList();
                if (!expected.SequenceEqual(http.Top))
                {
                    failures.Add($"HTTP top 20 differs from the index for {http.Project.Name} ({(http.Holidays ? "US calendar" : "no client calendar")})");
                    PrintDifference("index", expected, "HTTP", http.Top);
                }
            }

            Format.Progress($"Stopping the app (pid {app.ProcessId}).");
        }

        GC.KeepAlive(index);
        var report = Report(command, started, loadAtStart, LoadAverage(), $"{db.Description}; app {webDll}", rows, sqlRuns, httpRuns, holidayRuns, failures);
        Console.WriteLine();
        Console.WriteLine(report);
        return failures.Count == 0 ? 0 : 1;
    }

    private static async Task<(CandidateIndex Index, ScaleRow Row)> BuildAndRankAsync(
        BenchDatabase db, SkillGraph graph, IReadOnlyList<BenchProject> projects, List<ProjectQuery> queries, Options options)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var (index, count, load, total) = await BuildIndexAsync(db.ConnectionString, graph);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        var heapMb = (after - before) / (1024.0 * 1024.0);
        Format.Progress($"Index: {Format.N(count)} professionals, load {load.TotalSeconds:F1} s + build {(total - load).TotalSeconds:F1} s = {total.TotalSeconds:F1} s; managed heap {heapMb:F0} MB");

        var runs = new List<IndexRun>();
        for (var i = 0; i < projects.Count; i++)
        {
            var query = queries[i];
            RankingResult? last = null;
            var timing = Timing.Measure(options.Warmups, options.Iterations, () => last = index.Rank(query, 20, 0));
            Format.Progress($"  rank {projects[i].Name,-18} eligible {Format.N(last!.EligibleCount),10}  median {Format.Ms(timing.Median)} ms, p95 {Format.Ms(timing.P95)} ms ({timing.Count} runs)");
            runs.Add(new IndexRun(projects[i], query, timing, last));
        }

        return (index, new ScaleRow(count, load.TotalSeconds, total.TotalSeconds, heapMb, runs));
    }

    /// <summary>Exactly CandidateIndexHost.RebuildAsync: CandidateLoader streaming into CandidateIndexBuilder, then Build.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static async Task<(CandidateIndex Index, int Count, TimeSpan Load, TimeSpan Total)> BuildIndexAsync(string connectionString, SkillGraph graph)
    {
        Format.Progress("Building the ranking index from PostgreSQL (CandidateLoader → CandidateIndexBuilder) …");
        var clock = Stopwatch.StartNew();
        var builder = new CandidateIndexBuilder(DateTimeZoneProviders.Tzdb, graph, 1024);
        var loaded = 0;
        var count = await new CandidateLoader(connectionString).LoadAllAsync(record =>
        {
            builder.Add(record);
            if (++loaded % 500_000 == 0)
            {
                Format.Progress($"  … {Format.N(loaded)} loaded ({clock.Elapsed.TotalSeconds:F1} s)");
            }
        }, CancellationToken.None);
        var load = clock.Elapsed;
        var index = builder.Build();
        return (index, count, load, clock.Elapsed);
    }

    private static async Task<List<SqlRun>> RunSqlBaselineAsync(BenchDatabase db, ScaleRow final, Options options, List<string> failures)
    {
        var baseline = new SqlBaseline(db.ConnectionString, new OverlapCalculator(DateTimeZoneProviders.Tzdb));
        var clock = Stopwatch.StartNew();
        var groups = await baseline.LoadGroupsAsync();
        Format.Progress($"SQL baseline: {Format.N(groups.Count)} distinct schedules read in {clock.Elapsed.TotalSeconds:F1} s (overlap per schedule precomputed in C#, untimed)");
        var runs = new List<SqlRun>();
        foreach (var run in final.Runs)
        {
            using var sql = baseline.Prepare(run.Query, groups, 20);
            IReadOnlyList<SqlRow> rows = [];
            var samples = new List<double>();
            // No separate warm-up: each run takes seconds, and the median of three already drops a cold first run.
            for (var i = 0; i < options.SqlRuns; i++)
            {
                var one = Stopwatch.StartNew();
                rows = await baseline.RunAsync(sql);
                samples.Add(one.Elapsed.TotalMilliseconds);
            }

            var timing = Timing.Of(samples);
            var expected = run.Result.Items.Select(i => (i.CandidateId, i.Score, i.Evaluation.RankKey)).ToList();
            var actual = rows.Select(r => (r.Id, r.Score, r.RankKey)).ToList();
            var same = expected.SequenceEqual(actual);
            Format.Progress($"  SQL  {run.Project.Name,-18} median {Format.Ms(timing.Median)} ms ({timing.Count} runs) → {timing.Median / run.Timing.Median:F0}× the index; top 20 {(same ? "identical" : "DIFFERENT")}");
            if (!same)
            {
                failures.Add($"SQL top 20 differs from the index for {run.Project.Name}");
                PrintDifference("index", expected.Select(e => (e.CandidateId, e.Score)).ToList(), "SQL", actual.Select(a => (a.Id, a.Score)).ToList(),
                    expected.Select(e => e.RankKey).ToList(), actual.Select(a => a.RankKey).ToList());
            }

            runs.Add(new SqlRun(run.Project, timing, same));
        }

        return runs;
    }

    private static void PrintDifference(
        string leftName, List<(Guid Id, decimal Score)> left, string rightName, IReadOnlyList<(Guid Id, decimal Score)> right,
        List<long>? leftKeys = null, List<long>? rightKeys = null)
    {
        Console.WriteLine($"  !!! MISMATCH {leftName} vs {rightName}:");
        for (var i = 0; i < Math.Max(left.Count, right.Count); i++)
        {
            var l = i < left.Count ? $"{left[i].Id} {left[i].Score,6}{(leftKeys is null ? "" : $" key {leftKeys[i]}")}" : "—";
            var r = i < right.Count ? $"{right[i].Id} {right[i].Score,6}{(rightKeys is null ? "" : $" key {rightKeys[i]}")}" : "—";
            var mark = i < left.Count && i < right.Count && left[i] == right[i] ? "   " : "≠  ";
            Console.WriteLine($"  {mark}{i + 1,2}. {leftName}: {l}   {rightName}: {r}");
        }
    }

    private static string Report(
        string command, DateTime started, string loadAtStart, string loadAtEnd, string database,
        List<ScaleRow> rows, List<SqlRun> sqlRuns, List<HttpResult> httpRuns, (IReadOnlyList<HolidayRun> Runs, Timing Slots) holidays, List<string> failures)
    {
        var final = rows[^1];
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"## Ranking benchmark, {started:yyyy-MM-dd HH:mm} UTC");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- Command: `{command.TrimEnd()}`");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Machine: {MachineDescription()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1/5/15 min): {loadAtStart} at start, {loadAtEnd} at end");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Database: {database}; {Format.N(final.Professionals)} professionals");
        text.AppendLine(CultureInfo.InvariantCulture, $"- .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        text.AppendLine();
        text.AppendLine("| professionals | index load + build (s) | managed heap (MB) | ranking median, worst project (ms) | ranking p95, worst project (ms) |");
        text.AppendLine("| ---: | ---: | ---: | ---: | ---: |");
        foreach (var row in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {Format.N(row.Professionals)} | {row.BuildSeconds:F1} | {row.HeapMb:F0} | {Format.Ms(row.Runs.Max(r => r.Timing.Median))} | {Format.Ms(row.Runs.Max(r => r.Timing.P95))} |");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"At {Format.N(final.Professionals)} professionals (top 20; index {final.Runs[0].Timing.Count} runs, SQL median of {(sqlRuns.Count > 0 ? sqlRuns[0].Timing.Count : 0)} runs, HTTP {(httpRuns.Count > 0 ? httpRuns[0].Timing.Count : 0)} requests):");
        text.AppendLine();
        text.AppendLine("| project | skills (required) | eligible | rank median (ms) | rank p95 (ms) | SQL median (ms) | speed-up | SQL top 20 = index | HTTP median (ms) | HTTP p95 (ms) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |");
        foreach (var run in final.Runs)
        {
            var sql = sqlRuns.FirstOrDefault(s => s.Project == run.Project);
            var http = httpRuns.FirstOrDefault(h => h.Project == run.Project && !h.Holidays);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Project.Name} | {run.Project.Skills.Count} ({run.Project.Skills.Count(s => s.Required)}) | {Format.N(run.Result.EligibleCount)} | {Format.Ms(run.Timing.Median)} | {Format.Ms(run.Timing.P95)} | " +
                $"{(sql is null ? "–" : Format.Ms(sql.Timing.Median))} | {(sql is null ? "–" : Format.F(sql.Timing.Median / run.Timing.Median, "F0") + "×")} | {(sql is null ? "–" : sql.Same ? "yes" : "**NO**")} | " +
                $"{(http is null ? "–" : Format.Ms(http.Timing.Median))} | {(http is null ? "–" : Format.Ms(http.Timing.P95))} |");
        }

        text.AppendLine();
        text.AppendLine("| target | measured | met |");
        text.AppendLine("| --- | ---: | :---: |");
        Target(text, "index build ≤ 30 s", final.BuildSeconds, 30, "s");
        Target(text, "managed heap ≤ 512 MB", final.HeapMb, 512, "MB");
        Target(text, "ranking median ≤ 25 ms (worst project)", final.Runs.Max(r => r.Timing.Median), 25, "ms");
        Target(text, "ranking p95 ≤ 60 ms (worst project)", final.Runs.Max(r => r.Timing.P95), 60, "ms");
        var httpOff = httpRuns.Where(h => !h.Holidays).ToList();
        if (httpOff.Count > 0)
        {
            Target(text, "HTTP median ≤ 60 ms (worst project)", httpOff.Max(h => h.Timing.Median), 60, "ms");
            Target(text, "HTTP p95 ≤ 150 ms (worst project)", httpOff.Max(h => h.Timing.P95), 150, "ms");
        }

        if (sqlRuns.Count > 0)
        {
            var ratio = sqlRuns.Min(s => s.Timing.Median / final.Runs.Single(r => r.Project == s.Project).Timing.Median);
            text.AppendLine(CultureInfo.InvariantCulture, $"| speed-up vs SQL ≥ 20× (smallest) | {ratio:F0}× | {(ratio >= 20 ? "yes" : "**no**")} |");
            text.AppendLine(CultureInfo.InvariantCulture, $"| SQL top 20 = index top 20 | {sqlRuns.Count(s => s.Same)}/{sqlRuns.Count} projects | {(sqlRuns.All(s => s.Same) ? "yes" : "**no**")} |");
        }

        if (holidays.Runs.Count > 0)
        {
            HolidayTimings.Report(text, holidays.Runs, holidays.Slots, httpRuns);
        }

        text.AppendLine();
        text.Append(failures.Count == 0
            ? $"RESULT: OK — {Format.N(final.Professionals)} professionals, index and SQL/HTTP rankings agree."
            : $"RESULT: FAILED — {string.Join("; ", failures)}.");
        return text.ToString();
    }

    private static void Target(StringBuilder text, string name, double value, double limit, string unit) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Format.F(value, value < 10 ? "F2" : "F1")} {unit} | {(value <= limit ? "yes" : "**no**")} |");

    private static Options Parse(string[] args)
    {
        long[] sizes = [2_200_000];
        int iterations = 50, warmups = 5, sqlRuns = 3, httpIterations = 50;
        bool skipSql = false, skipHttp = false;
        string email = "admin@nearshorehub.local", password = "Admin-Demo-2026!";
        string? database = null;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--professionals":
                    sizes = [Count(Next())];
                    break;
                case "--scale":
                    sizes = Next().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Count).Order().ToArray();
                    break;
                case "--iterations":
                    iterations = (int)Count(Next());
                    break;
                case "--warmups":
                    warmups = (int)Count(Next());
                    break;
                case "--sql-runs":
                    sqlRuns = (int)Count(Next());
                    break;
                case "--http-iterations":
                    httpIterations = (int)Count(Next());
                    break;
                case "--skip-sql":
                    skipSql = true;
                    break;
                case "--skip-http":
                    skipHttp = true;
                    break;
                case "--email":
                    email = Next();
                    break;
                case "--password":
                    password = Next();
                    break;
                case "--database":
                    database = Next();
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (sizes.Length == 0 || iterations < 1 || sqlRuns < 1 || httpIterations < 1)
        {
            throw new ArgumentException("Sizes, --iterations, --sql-runs and --http-iterations must be at least 1.");
        }

        return new Options(sizes, iterations, warmups, sqlRuns, httpIterations, skipSql, skipHttp, email, password, database);
    }

    private static long Count(string text)
    {
        var clean = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal).Trim().ToLowerInvariant();
        var factor = clean.EndsWith('k') ? 1_000 : clean.EndsWith('m') ? 1_000_000 : 1;
        clean = factor == 1 ? clean : clean[..^1];
        return double.TryParse(clean, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 1
            ? (long)(n * factor)
            : throw new ArgumentException($"'{text}' is not a positive count.");
    }
}
