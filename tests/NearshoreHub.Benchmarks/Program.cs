using NearshoreHub.Benchmarks.Export;
using NearshoreHub.Benchmarks.Load;
using NearshoreHub.Benchmarks.Micro;
using NearshoreHub.Benchmarks.Ranking;
using NearshoreHub.Benchmarks.Recruiter;
using NearshoreHub.Benchmarks.Search;
using NearshoreHub.Benchmarks.Webhooks;

// One entry point, one subcommand per benchmark family; docs/benchmarks.md has the commands and the figures.
const string Help = """
    NearshoreHub benchmarks — dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- <command>
      ranking …   ranking index, SQL baseline and HTTP matches (issue 3)
      search …    search over HTTP against naive queries, import throughput (issue 5):
                  search --url http://127.0.0.1:5080 --connection "…" [--iterations 30] [--import-rows 100000]
      recruiter … search with and without exclusions, the representation funnel, saved searches' newCount (issue 18);
                  starts the app against the ranking benchmark's database: recruiter [--professionals 2200000]
      load …      bounded closed-loop load run of the realistic mix against a running instance (issue 6):
                  load --url http://127.0.0.1:5080 [--duration 60] [--connections 16]
      limiter …   cost of the shared rate-limit counter per request: limiter --connection "…" [--iterations 5000]
      changed-writes …  changed rows staged by COPY against updated from array parameters (issue 14):
                  changed-writes --connection "…" [--rounds 10]
      export …    streams the CSV export and samples the app's memory (issue 5):
                  export --url http://127.0.0.1:5080 [--pid <app pid>] [--query "country=BR"]
      webhooks …  delivery latency and throughput to a local receiver (issue 16):
                  webhooks [--latency-events 50] [--throughput-events 5000]
      micro …     BenchmarkDotNet micro-benchmarks (OverlapCalculator); BenchmarkDotNet arguments pass through
      all …       ranking --scale 100000,1000000,2200000 (extra ranking options pass through), then micro
    """;

return args.FirstOrDefault() switch
{
    "ranking" => await RankingBenchmark.RunAsync(args[1..]),
    "search" => await SearchLoadBenchmark.RunAsync(args[1..]),
    "recruiter" => await RecruiterBenchmark.RunAsync(args[1..]),
    "load" => await LoadRun.RunAsync(args[1..]),
    "limiter" => await RateLimitStoreCost.RunAsync(args[1..]),
    "changed-writes" => await ChangedRowsWriteShapes.RunAsync(args[1..]),
    "export" => await ExportBenchmark.RunAsync(args[1..]),
    "webhooks" => await WebhookBenchmark.RunAsync(args[1..]),
    "micro" => OverlapBenchmarks.Run(args[1..]),
    "all" => await RunAllAsync(args[1..]),
    _ => PrintHelp(),
};

static async Task<int> RunAllAsync(string[] rest)
{
    var ranking = await RankingBenchmark.RunAsync(["--scale", "100000,1000000,2200000", .. rest]);
    var micro = OverlapBenchmarks.Run([]);
    return Math.Max(ranking, micro);
}

int PrintHelp()
{
    Console.WriteLine(Help + Environment.NewLine + RankingBenchmark.Usage + Environment.NewLine + LoadRun.Usage);
    return args.Length == 0 ? 0 : 2;
}
