using System.Globalization;
using System.Text;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Seed;
using NodaTime;

namespace NearshoreHub.Benchmarks.Ranking;

/// <summary>
/// One project ranked in the index with holidays off and on, one after the other in the same run; and, untimed, with the
/// professionals' calendars but no client calendar — what the app ranks for a project with <c>holidayCalendars: []</c>
/// (product.md §9: a professional always observes their country's calendar).
/// </summary>
internal sealed record HolidayRun(BenchProject Project, Timing Off, Timing On, RankingResult OnResult, RankingResult NoClientCalendarResult);

/// <summary>
/// Issue 17: each benchmark project ranked with holidays on (the shipped calendars: US for the client, each professional's
/// country for them) right after the same project with holidays off, in the same run; and listing 28 days of interview slots.
/// Over HTTP, where professionals always observe their calendars, <see cref="HttpMatches"/> times a project with no client
/// calendar (<c>holidayCalendars: []</c>) and one with the default <c>["US"]</c>; <see cref="Report"/> puts them side by side.
/// </summary>
internal static class HolidayTimings
{
    public static (IReadOnlyList<HolidayRun> Runs, Timing Slots) Run(
        CandidateIndex index, IReadOnlyList<BenchProject> projects, IReadOnlyList<ProjectQuery> queries, string repoRoot, int warmups, int iterations)
    {
        var shipped = HolidaySeeder.ReadShipped(Path.Combine(repoRoot, "src", "NearshoreHub.Web", "Data", "Reference", "holidays.csv"));
        var book = new HolidayBook(
            shipped.GroupBy(h => h.Country).ToDictionary(
                g => g.Key,
                g => new HolidaySet(g.Select(h => new HolidayDay(LocalDate.FromDateOnly(h.Date), h.Name, h.Country, HolidayKind.Holiday)))),
            1);
        var us = book.For("US");
        var runs = new List<HolidayRun>();
        for (var i = 0; i < projects.Count; i++)
        {
            var off = queries[i];
            var on = off with { ClientDaysOff = us, ProfessionalHolidays = book };
            RankingResult? plain = null, withHolidays = null;
            var offTiming = Timing.Measure(warmups, iterations, () => plain = index.Rank(off, 20, 0));
            var onTiming = Timing.Measure(warmups, iterations, () => withHolidays = index.Rank(on, 20, 0));
            Format.Progress($"  rank {projects[i].Name,-18} holidays off median {Format.Ms(offTiming.Median)} ms, p95 {Format.Ms(offTiming.P95)} ms | "
                + $"on median {Format.Ms(onTiming.Median)} ms, p95 {Format.Ms(onTiming.P95)} ms (eligible {Format.N(plain!.EligibleCount)} / {Format.N(withHolidays!.EligibleCount)})");
            runs.Add(new HolidayRun(projects[i], offTiming, onTiming, withHolidays, index.Rank(off with { ProfessionalHolidays = book }, 20, 0)));
        }

        var finder = new InterviewSlotFinder(DateTimeZoneProviders.Tzdb);
        var client = new WorkSchedule("America/New_York", new LocalTime(9, 0), new LocalTime(17, 0), WorkDays.Weekdays);
        var professional = new WorkSchedule("America/Sao_Paulo", new LocalTime(9, 0), new LocalTime(18, 0), WorkDays.Weekdays);
        var now = SystemClock.Instance.GetCurrentInstant();
        var from = now.InZone(DateTimeZoneProviders.Tzdb[client.TimeZoneId]).Date;
        IReadOnlyList<InterviewSlot>? slots = null;
        var slotTiming = Timing.Measure(warmups, Math.Max(iterations, 50), () => slots = finder.Find(client, us, professional, book.For("BR"), from, 28, 45, now));
        Format.Progress($"  interview slots, 28 days NY/São Paulo with holidays: {slots!.Count} slots, median {Format.Ms(slotTiming.Median)} ms, p95 {Format.Ms(slotTiming.P95)} ms");
        return (runs, slotTiming);
    }

    /// <summary>The holidays-on/off table and issue 17's targets (index and HTTP with holidays on; slot listing).</summary>
    public static void Report(StringBuilder text, IReadOnlyList<HolidayRun> runs, Timing slots, IReadOnlyList<HttpResult> http)
    {
        text.AppendLine();
        text.AppendLine("Holidays off and on in the same run (issue 17; on = US for the client, each professional's country for them):");
        text.AppendLine();
        text.AppendLine("| project | index off median (ms) | index on median (ms) | index on p95 (ms) | HTTP no client calendar, median (ms) | HTTP on median (ms) | HTTP on p95 (ms) |");
        text.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var run in runs)
        {
            var off = http.FirstOrDefault(h => h.Project == run.Project && !h.Holidays);
            var on = http.FirstOrDefault(h => h.Project == run.Project && h.Holidays);
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Project.Name} | {Format.Ms(run.Off.Median)} | {Format.Ms(run.On.Median)} | {Format.Ms(run.On.P95)} | " +
                $"{(off is null ? "–" : Format.Ms(off.Timing.Median))} | {(on is null ? "–" : Format.Ms(on.Timing.Median))} | {(on is null ? "–" : Format.Ms(on.Timing.P95))} |");
        }

        text.AppendLine();
        text.AppendLine("| target (holidays on) | measured | met |");
        text.AppendLine("| --- | ---: | :---: |");
        Target(text, "ranking median ≤ 25 ms (worst project)", runs.Max(r => r.On.Median), 25);
        var onHttp = http.Where(h => h.Holidays).ToList();
        if (onHttp.Count > 0)
        {
            Target(text, "HTTP median ≤ 60 ms (worst project)", onHttp.Max(h => h.Timing.Median), 60);
            Target(text, "HTTP p95 ≤ 150 ms (worst project)", onHttp.Max(h => h.Timing.P95), 150);
        }

        Target(text, "28 days of interview slots ≤ 20 ms (median)", slots.Median, 20);
    }

    private static void Target(StringBuilder text, string name, double value, double limit) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {Format.F(value, value < 10 ? "F2" : "F1")} ms | {(value <= limit ? "yes" : "**no**")} |");
}
