using CsCheck;
using NodaTime;

namespace NearshoreHub.Matching.Tests;

/// <summary>Properties of overlap with holidays (product spec §9) and of interview slots (§10) on random data.</summary>
public class HolidayPropertyTests
{
    /// <summary>Random days off between 2026-12-01 and 2028-06-30, on any weekday.</summary>
    internal static HolidaySet RandomDaysOff(Random rng, string? country, int count) =>
        new(Enumerable.Range(0, count).Select(_ => new HolidayDay(
            new LocalDate(2026, 12, 1).PlusDays(rng.Next(0, 578)), "Day " + rng.Next(100), country,
            country is null ? HolidayKind.Closure : HolidayKind.Holiday)));

    /// <summary>Random calendars for every test country, so candidates of one country share theirs.</summary>
    internal static HolidayBook RandomBook(Random rng) =>
        new(TestData.Countries.ToDictionary(c => c, c => RandomDaysOff(rng, c, rng.Next(0, 40))), rng.Next());

    [Fact]
    public void Without_holidays_the_figures_are_section_two_figures()
    {
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var query = TestData.Project(rng);
                var candidate = TestData.Candidate(rng);
                var plain = TestData.Overlap.Compute(query.CoreSchedule, candidate.Schedule, query.StartDate, query.DurationWeeks);
                var empty = TestData.Overlap.Compute(query.CoreSchedule, candidate.Schedule, query.StartDate, query.DurationWeeks, HolidaySet.Empty, HolidaySet.Empty);
                Assert.Equal((plain.AverageHours, plain.MinimumHours, plain.MaximumHours, plain.WorkingDayCount),
                    (empty.AverageHours, empty.MinimumHours, empty.MaximumHours, empty.WorkingDayCount));
                Assert.Equal(plain.AverageHours, empty.EffectiveAverageHours);
                Assert.Empty(empty.Holidays);
                Assert.Equal(plain.Days.Select(d => d.Hours), empty.Days.Select(d => d.EffectiveHours));
                Assert.Equal(empty.Days.Count(d => d.Hours > 0), empty.SharedDays);
            },
            iter: 200);
    }

    [Fact]
    public void A_professional_holiday_never_raises_a_score()
    {
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var query = TestData.Project(rng, allowRequired: false) with { ClientDaysOff = RandomDaysOff(rng, "US", rng.Next(0, 10)) };
                var candidate = TestData.Candidate(rng) with { Status = ProfessionalStatus.Active };
                var fewer = RandomDaysOff(rng, candidate.Country, rng.Next(0, 20));
                var more = fewer.Union(RandomDaysOff(rng, candidate.Country, rng.Next(1, 20)));
                var before = TestData.Scorer.Evaluate(query with { ProfessionalHolidays = Book(candidate.Country, fewer) }, candidate);
                var after = TestData.Scorer.Evaluate(query with { ProfessionalHolidays = Book(candidate.Country, more) }, candidate);
                Assert.True(after.Score <= before.Score, $"{after.Score} > {before.Score}");
                Assert.True(after.Overlap.EffectiveAverageHours <= before.Overlap.EffectiveAverageHours);
                Assert.True(after.Overlap.SharedDays <= before.Overlap.SharedDays);

                // Holidays neither remove nor grant eligibility: the holiday-free figures do not move.
                Assert.Equal(before.IsEligible, after.IsEligible);
                Assert.Equal(before.Overlap.MinimumHours, after.Overlap.MinimumHours);
            },
            iter: 200);
    }

    [Fact]
    public void A_client_holiday_changes_every_candidates_client_working_days_alike()
    {
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var query = TestData.Project(rng);
                var book = RandomBook(rng);
                var date = query.StartDate.PlusDays(rng.Next(0, query.DurationWeeks * 7));
                var withHoliday = query with
                {
                    ProfessionalHolidays = book,
                    ClientDaysOff = new HolidaySet([new HolidayDay(date, "Company day", null, HolidayKind.Closure)]),
                };
                var isWorkingDay = query.WorkDays.Includes(date.DayOfWeek);
                for (var i = 0; i < 20; i++)
                {
                    var candidate = TestData.Candidate(rng);
                    var before = TestData.Scorer.Evaluate(query with { ProfessionalHolidays = book }, candidate).Overlap;
                    var after = TestData.Scorer.Evaluate(withHoliday, candidate).Overlap;
                    Assert.Equal(before.ClientWorkingDays - (isWorkingDay ? 1 : 0), after.ClientWorkingDays);
                    Assert.Equal(isWorkingDay, after.Holidays.Any(h => h.Side == HolidaySide.Client && h.Date == date));
                }
            },
            iter: 60);
    }

    [Fact]
    public void Slots_lie_inside_both_windows_and_never_on_a_day_off()
    {
        var finder = new InterviewSlotFinder(DateTimeZoneProviders.Tzdb);
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var query = TestData.Project(rng);
                var candidate = TestData.Candidate(rng);
                var clientOff = RandomDaysOff(rng, "US", rng.Next(0, 60));
                var theirOff = RandomDaysOff(rng, candidate.Country, rng.Next(0, 60));
                var from = new LocalDate(2027, 1, 1).PlusDays(rng.Next(0, 500));
                var minutes = rng.Next(15, 241);
                var now = Instant.FromUtc(2026, 12, 1, 0, 0);
                var slots = finder.Find(query.CoreSchedule, clientOff, candidate.Schedule, theirOff, from, rng.Next(1, 29), minutes, now);
                var clientZone = DateTimeZoneProviders.Tzdb[query.TimeZoneId];
                var theirZone = DateTimeZoneProviders.Tzdb[candidate.TimeZoneId];
                foreach (var slot in slots)
                {
                    Assert.Equal(Duration.FromMinutes(minutes), slot.End - slot.Start);
                    var clientDate = slot.ClientLocal.Date;
                    var theirDate = slot.ProfessionalLocal.Date;
                    Assert.True(query.WorkDays.Includes(clientDate.DayOfWeek) && !clientOff.Contains(clientDate));
                    Assert.True(candidate.Schedule.Days.Includes(theirDate.DayOfWeek) && !theirOff.Contains(theirDate));
                    Assert.True(slot.Start >= clientZone.AtLeniently(clientDate + query.CoreStart).ToInstant());
                    Assert.True(slot.End <= clientZone.AtLeniently(clientDate + query.CoreEnd).ToInstant());
                    Assert.True(slot.Start >= theirZone.AtLeniently(theirDate + candidate.Schedule.Start).ToInstant());
                    Assert.True(slot.End <= theirZone.AtLeniently(theirDate + candidate.Schedule.End).ToInstant());
                    Assert.Equal(0, (slot.ClientLocal.TimeOfDay.TickOfDay - query.CoreStart.TickOfDay) % (30 * NodaConstants.TicksPerMinute));
                    Assert.Equal(SlotRefusal.None, finder.Check(query.CoreSchedule, clientOff, candidate.Schedule, theirOff, slot.Start, Duration.FromMinutes(minutes), now));
                }
            },
            iter: 150);
    }

    [Fact]
    public void A_slot_on_the_professionals_holiday_is_refused_with_the_reason()
    {
        var finder = new InterviewSlotFinder(DateTimeZoneProviders.Tzdb);
        var client = new WorkSchedule("America/New_York", new LocalTime(9, 0), new LocalTime(17, 0), WorkDays.Weekdays);
        var professional = new WorkSchedule("America/Sao_Paulo", new LocalTime(9, 0), new LocalTime(18, 0), WorkDays.Weekdays);
        var tiradentes = new HolidaySet([new HolidayDay(new LocalDate(2027, 4, 21), "Tiradentes' Day", "BR", HolidayKind.Holiday)]);
        var now = Instant.FromUtc(2027, 1, 1, 0, 0);
        var slots = finder.Find(client, HolidaySet.Empty, professional, tiradentes, new LocalDate(2027, 4, 20), 3, 45, now);

        // 09:00–16:15 EDT in 30-minute steps = 15 starts a day, on Tue and Thu only.
        Assert.Equal(30, slots.Count);
        Assert.DoesNotContain(slots, s => s.ClientLocal.Date == new LocalDate(2027, 4, 21));
        Assert.Equal("2027-04-20T10:00", slots[0].ProfessionalLocal.ToString("uuuu-MM-dd'T'HH:mm", null));
        Assert.Equal(SlotRefusal.ProfessionalDayOff,
            finder.Check(client, HolidaySet.Empty, professional, tiradentes, Instant.FromUtc(2027, 4, 21, 14, 0), Duration.FromMinutes(45), now));
        Assert.Equal(SlotRefusal.NotOnTheGrid,
            finder.Check(client, HolidaySet.Empty, professional, tiradentes, Instant.FromUtc(2027, 4, 22, 14, 10), Duration.FromMinutes(45), now));
    }

    private static HolidayBook Book(string country, HolidaySet set) => new(new Dictionary<string, HolidaySet> { [country] = set }, set.Count);
}
