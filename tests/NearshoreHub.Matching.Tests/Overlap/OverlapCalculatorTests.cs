using NodaTime;

namespace NearshoreHub.Matching.Tests;

public class OverlapCalculatorTests
{
    private static readonly OverlapCalculator Calculator = new(DateTimeZoneProviders.Tzdb);

    private static WorkSchedule Schedule(string zone, int startHour, int endHour, WorkDays days = WorkDays.Weekdays, int startMinute = 0, int endMinute = 0) =>
        new(zone, new LocalTime(startHour, startMinute), new LocalTime(endHour, endMinute), days);

    private static double HoursOn(OverlapResult result, LocalDate date) => result.Days.Single(d => d.Date == date).Hours;

    [Fact]
    public void New_York_vs_Sao_Paulo_gains_an_hour_after_US_switches_to_daylight_time()
    {
        // Before 2027-03-14: NY 09–17 EST = 14–22 UTC, São Paulo 09–18 (UTC−3) = 12–21 UTC → 7 h.
        // After: NY 09–17 EDT = 13–21 UTC → 8 h.
        var result = Calculator.Compute(Schedule("America/New_York", 9, 17), Schedule("America/Sao_Paulo", 9, 18), new LocalDate(2027, 3, 8), 2);

        Assert.Equal(10, result.Days.Count);
        Assert.All(result.Days.Where(d => d.Date < new LocalDate(2027, 3, 14)), d => Assert.Equal(7.0, d.Hours));
        Assert.All(result.Days.Where(d => d.Date > new LocalDate(2027, 3, 14)), d => Assert.Equal(8.0, d.Hours));
        Assert.Equal(7.5, result.AverageHours);
        Assert.Equal(7.0, result.MinimumHours);
        Assert.Equal(8.0, result.MaximumHours);

        var change = Assert.Single(result.Changes);
        Assert.Equal(new LocalDate(2027, 3, 15), change.Date);
        Assert.Equal(new LocalDate(2027, 3, 12), change.PreviousDate);
        Assert.Equal((7.0, 8.0), (change.HoursBefore, change.HoursAfter));
        var transition = Assert.Single(change.Transitions);
        Assert.Equal("America/New_York", transition.ZoneId);
        Assert.True(transition.IsClientZone);
        Assert.True(transition.StartsDaylightTime);
        Assert.Equal(new LocalDate(2027, 3, 14), transition.LocalDate);
    }

    [Fact]
    public void Chicago_vs_Mexico_City_loses_an_hour_in_US_summer_since_Mexico_dropped_daylight_time()
    {
        var client = Schedule("America/Chicago", 9, 17);
        var professional = Schedule("America/Mexico_City", 9, 17);

        // Winter: both UTC−6 → 8 h. After 2027-03-14 Chicago is UTC−5, Mexico City stays UTC−6 → 7 h.
        var march = Calculator.Compute(client, professional, new LocalDate(2027, 3, 8), 2);
        Assert.Equal(8.0, HoursOn(march, new LocalDate(2027, 3, 12)));
        Assert.Equal(7.0, HoursOn(march, new LocalDate(2027, 3, 15)));

        // June 2022 Mexico City still observed DST (UTC−5, like Chicago): 8 h; June 2023 it did not: 7 h.
        Assert.Equal(8.0, Calculator.Compute(client, professional, new LocalDate(2022, 6, 6), 1).AverageHours);
        Assert.Equal(7.0, Calculator.Compute(client, professional, new LocalDate(2023, 6, 5), 1).AverageHours);
    }

    [Fact]
    public void Santiago_vs_New_York_follows_Chiles_own_April_and_September_switches()
    {
        // NY 09–17 EDT = 13–21 UTC. Santiago 08–17: summer UTC−3 = 11–20 UTC → 7 h; winter UTC−4 = 12–21 UTC → 8 h.
        var client = Schedule("America/New_York", 9, 17);
        var professional = Schedule("America/Santiago", 8, 17);

        var april = Calculator.Compute(client, professional, new LocalDate(2027, 3, 29), 2);
        Assert.Equal(7.0, HoursOn(april, new LocalDate(2027, 4, 2)));
        Assert.Equal(8.0, HoursOn(april, new LocalDate(2027, 4, 5)));
        var aprilChange = Assert.Single(april.Changes);
        var aprilSwitch = Assert.Single(aprilChange.Transitions);
        Assert.Equal("America/Santiago", aprilSwitch.ZoneId);
        Assert.True(aprilSwitch.EndsDaylightTime);
        Assert.False(aprilSwitch.IsClientZone);

        var september = Calculator.Compute(client, professional, new LocalDate(2027, 8, 30), 2);
        Assert.Equal(8.0, HoursOn(september, new LocalDate(2027, 9, 3)));
        Assert.Equal(7.0, HoursOn(september, new LocalDate(2027, 9, 6)));
        Assert.True(Assert.Single(Assert.Single(september.Changes).Transitions).StartsDaylightTime);
    }

    [Fact]
    public void Los_Angeles_vs_Buenos_Aires_gains_an_hour_when_California_springs_forward()
    {
        // Buenos Aires 09–18 (UTC−3) = 12–21 UTC. LA 09–17 PST = 17–01 UTC → 4 h; PDT = 16–24 UTC → 5 h.
        var result = Calculator.Compute(Schedule("America/Los_Angeles", 9, 17), Schedule("America/Argentina/Buenos_Aires", 9, 18), new LocalDate(2027, 3, 8), 2);

        Assert.Equal(4.0, HoursOn(result, new LocalDate(2027, 3, 12)));
        Assert.Equal(5.0, HoursOn(result, new LocalDate(2027, 3, 15)));
        Assert.Equal(4.5, result.AverageHours);
    }

    [Fact]
    public void Manila_night_shift_counts_the_professionals_next_local_date()
    {
        // NY 09–17 EST = 14–22 UTC on d. Manila 00:00–08:00 (UTC+8) on d+1 = 16–24 UTC on d → 6 h.
        // On a Friday the professional's next date is their Saturday, which they do not work → 0 h.
        var result = Calculator.Compute(Schedule("America/New_York", 9, 17), Schedule("Asia/Manila", 0, 8), new LocalDate(2027, 1, 11), 1);

        Assert.Equal([6.0, 6.0, 6.0, 6.0, 0.0], result.Days.Select(d => d.Hours));
        Assert.Equal(4.8, result.AverageHours);
        Assert.Equal(0.0, result.MinimumHours);
        Assert.Equal(6.0, result.MaximumHours);
    }

    [Fact]
    public void Manila_client_counts_the_professionals_previous_local_date()
    {
        // Manila 09–17 = 01–09 UTC on d. New York 18:00–23:00 EST on d−1 = 23:00 (d−1) – 04:00 (d) UTC → 3 h.
        // On the client's Monday the professional's previous date is a Sunday → 0 h.
        var result = Calculator.Compute(Schedule("Asia/Manila", 9, 17), Schedule("America/New_York", 18, 23), new LocalDate(2027, 1, 11), 1);

        Assert.Equal([0.0, 3.0, 3.0, 3.0, 3.0], result.Days.Select(d => d.Hours));
        Assert.Equal(2.4, result.AverageHours);
    }

    [Fact]
    public void Different_working_days_on_each_side_give_zero_on_days_only_the_client_works()
    {
        var result = Calculator.Compute(
            Schedule("America/Sao_Paulo", 9, 17),
            Schedule("America/Sao_Paulo", 9, 17, WorkDays.Tue | WorkDays.Wed | WorkDays.Thu | WorkDays.Fri | WorkDays.Sat),
            new LocalDate(2027, 5, 3),
            1);

        Assert.Equal([0.0, 8.0, 8.0, 8.0, 8.0], result.Days.Select(d => d.Hours));
        Assert.Equal(6.4, result.AverageHours);
        Assert.Equal(5, result.WorkingDayCount);
    }

    [Fact]
    public void Skipped_local_start_moves_forward_by_the_gap()
    {
        // 2027-03-14 02:30 does not exist in New York: it becomes 03:30 EDT (07:30 UTC); 05:00 EDT = 09:00 UTC → 1.5 h.
        var result = Calculator.Compute(
            Schedule("America/New_York", 2, 5, WorkDays.Sun, startMinute: 30),
            Schedule("Etc/UTC", 0, 23, WorkDays.All),
            new LocalDate(2027, 3, 8),
            1);

        Assert.Equal(1.5, Assert.Single(result.Days).Hours);
    }

    [Fact]
    public void Ambiguous_local_start_takes_the_earlier_instant()
    {
        // 2027-11-07 01:30 happens twice in New York; the earlier is 01:30 EDT = 05:30 UTC. 03:00 EST = 08:00 UTC → 2.5 h.
        var result = Calculator.Compute(
            Schedule("America/New_York", 1, 3, WorkDays.Sun, startMinute: 30),
            Schedule("Etc/UTC", 0, 23, WorkDays.All),
            new LocalDate(2027, 11, 1),
            1);

        Assert.Equal(2.5, Assert.Single(result.Days).Hours);
    }

    [Fact]
    public void No_client_working_days_gives_zero_everything()
    {
        var result = Calculator.Compute(Schedule("America/New_York", 9, 17, WorkDays.None), Schedule("America/Sao_Paulo", 9, 17), new LocalDate(2027, 1, 4), 2);

        Assert.Equal((0.0, 0.0, 0.0, 0), (result.AverageHours, result.MinimumHours, result.MaximumHours, result.WorkingDayCount));
        Assert.Empty(result.Days);
    }

    [Fact]
    public void Days_are_omitted_on_request_but_figures_match()
    {
        var client = Schedule("America/New_York", 9, 17);
        var professional = Schedule("America/Bogota", 8, 17);
        var full = Calculator.Compute(client, professional, new LocalDate(2027, 3, 1), 4);
        var summary = Calculator.Compute(client, professional, new LocalDate(2027, 3, 1), 4, includeDays: false);

        Assert.Empty(summary.Days);
        Assert.Equal((full.AverageHours, full.MinimumHours, full.MaximumHours), (summary.AverageHours, summary.MinimumHours, summary.MaximumHours));
    }

    [Fact]
    public void Unknown_zone_is_rejected()
    {
        Assert.ThrowsAny<Exception>(() => Calculator.Compute(Schedule("Mars/Olympus", 9, 17), Schedule("America/Bogota", 9, 17), new LocalDate(2027, 1, 4), 1));
    }
}
