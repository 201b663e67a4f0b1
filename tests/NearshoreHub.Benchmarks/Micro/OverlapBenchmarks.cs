using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using NearshoreHub.Matching;
using NodaTime;

namespace NearshoreHub.Benchmarks.Micro;

/// <summary>
/// OverlapCalculator.Compute for one client/professional pair over 12 weeks that cross DST changes: the cost of
/// one uncached schedule group in a ranking, and of the overlap in every match explanation.
/// </summary>
[MemoryDiagnoser]
public class OverlapBenchmarks
{
    private static readonly WorkSchedule NewYork = new("America/New_York", new LocalTime(9, 0), new LocalTime(17, 0), WorkDays.Weekdays);
    private static readonly WorkSchedule SaoPaulo = new("America/Sao_Paulo", new LocalTime(9, 0), new LocalTime(18, 0), WorkDays.Weekdays);
    private static readonly WorkSchedule Santiago = new("America/Santiago", new LocalTime(8, 30), new LocalTime(17, 30), WorkDays.Weekdays);

    // 12 weeks from 2027-02-22: New York moves to daylight time on 14 March, Santiago leaves it on 4 April.
    private static readonly LocalDate Start = new(2027, 2, 22);

    private readonly OverlapCalculator _calculator = new(DateTimeZoneProviders.Tzdb);

    [Benchmark(Baseline = true, Description = "NY vs São Paulo, 12 weeks, totals only")]
    public OverlapResult SaoPauloTotals() => _calculator.Compute(NewYork, SaoPaulo, Start, 12, includeDays: false);

    [Benchmark(Description = "NY vs São Paulo, 12 weeks, with days and changes")]
    public OverlapResult SaoPauloDays() => _calculator.Compute(NewYork, SaoPaulo, Start, 12, includeDays: true);

    [Benchmark(Description = "NY vs Santiago, 12 weeks, with days and changes")]
    public OverlapResult SantiagoDays() => _calculator.Compute(NewYork, Santiago, Start, 12, includeDays: true);

    /// <summary>`micro [BenchmarkDotNet arguments]`; without arguments runs every benchmark with the short job.</summary>
    public static int Run(string[] args)
    {
        var config = DefaultConfig.Instance;
        if (args.Length == 0)
        {
            // In-process: on this shared 2-core box BenchmarkDotNet's generated project does not build within its
            // 2-minute timeout, and a microsecond-scale method needs no separate process.
            config = config.AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
            args = ["--filter", "*"];
        }

        var summaries = BenchmarkSwitcher.FromAssembly(typeof(OverlapBenchmarks).Assembly).Run(args, config).ToList();
        return summaries.Count == 0 || summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Length == 0 || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }
}
