using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Seed;
using NodaTime;

namespace NearshoreHub.Benchmarks.Ranking;

/// <summary>
/// Issue 17: each benchmark project ranked with holidays on (the shipped calendars: US for the client, each professional's
/// country for them) right after the same project with holidays off, in the same run; and listing 28 days of interview slots.
/// </summary>
internal static class HolidayTimings
{
    public static void Run(CandidateIndex index, IReadOnlyList<BenchProject> projects, IReadOnlyList<ProjectQuery> queries, string repoRoot, int warmups, int iterations)
    {
        var shipped = HolidaySeeder.ReadShipped(Path.Combine(repoRoot, "src", "NearshoreHub.Web", "Data", "Reference", "holidays.csv"));
        var book = new HolidayBook(
            shipped.GroupBy(h => h.Country).ToDictionary(
                g => g.Key,
                g => new HolidaySet(g.Select(h => new HolidayDay(LocalDate.FromDateOnly(h.Date), h.Name, h.Country, HolidayKind.Holiday)))),
            1);
        var us = book.For("US");
        for (var i = 0; i < projects.Count; i++)
        {
            var off = queries[i];
            var on = off with { ClientDaysOff = us, ProfessionalHolidays = book };
            RankingResult? plain = null, withHolidays = null;
            var offTiming = Timing.Measure(warmups, iterations, () => plain = index.Rank(off, 20, 0));
            var onTiming = Timing.Measure(warmups, iterations, () => withHolidays = index.Rank(on, 20, 0));
            Format.Progress($"  rank {projects[i].Name,-18} holidays off median {Format.Ms(offTiming.Median)} ms, p95 {Format.Ms(offTiming.P95)} ms | "
                + $"on median {Format.Ms(onTiming.Median)} ms, p95 {Format.Ms(onTiming.P95)} ms (eligible {Format.N(plain!.EligibleCount)} / {Format.N(withHolidays!.EligibleCount)})");
        }

        var finder = new InterviewSlotFinder(DateTimeZoneProviders.Tzdb);
        var client = new WorkSchedule("America/New_York", new LocalTime(9, 0), new LocalTime(17, 0), WorkDays.Weekdays);
        var professional = new WorkSchedule("America/Sao_Paulo", new LocalTime(9, 0), new LocalTime(18, 0), WorkDays.Weekdays);
        var now = SystemClock.Instance.GetCurrentInstant();
        var from = now.InZone(DateTimeZoneProviders.Tzdb[client.TimeZoneId]).Date;
        IReadOnlyList<InterviewSlot>? slots = null;
        var slotTiming = Timing.Measure(warmups, Math.Max(iterations, 50), () => slots = finder.Find(client, us, professional, book.For("BR"), from, 28, 45, now));
        Format.Progress($"  interview slots, 28 days NY/São Paulo with holidays: {slots!.Count} slots, median {Format.Ms(slotTiming.Median)} ms, p95 {Format.Ms(slotTiming.P95)} ms");
    }
}
