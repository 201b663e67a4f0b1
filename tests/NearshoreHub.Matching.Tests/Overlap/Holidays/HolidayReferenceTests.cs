using NodaTime;

namespace NearshoreHub.Matching.Tests;

/// <summary>
/// Overlap with holidays (product spec §9), worked out by hand. Offsets: New York EDT −4 from 2027-03-14 and EST −5 from
/// 2027-11-07; São Paulo −3 all year; Bogotá −5; Santiago −3 until 2027-04-04 00:00 local, then −4.
/// </summary>
public class HolidayReferenceTests
{
    private static readonly OverlapCalculator Calculator = new(DateTimeZoneProviders.Tzdb);

    private static HolidaySet Days(string country, params (int Year, int Month, int Day, string Name)[] days) =>
        new(days.Select(d => new HolidayDay(new LocalDate(d.Year, d.Month, d.Day), d.Name, country, HolidayKind.Holiday)));

    private static WorkSchedule At(string zone, int startHour, int endHour) => new(zone, new LocalTime(startHour, 0), new LocalTime(endHour, 0), WorkDays.Weekdays);

    [Fact]
    public void New_York_and_Sao_Paulo_share_nothing_on_Tiradentes()
    {
        // NY 09–17 EDT = 13–21 UTC; São Paulo 09–18 = 12–21 UTC: 8 h a day. Tiradentes, Wed 2027-04-21, is the professional's day off.
        var result = Calculator.Compute(At("America/New_York", 9, 17), At("America/Sao_Paulo", 9, 18), new LocalDate(2027, 4, 19), 1,
            HolidaySet.Empty, Days("BR", (2027, 4, 21, "Tiradentes' Day")));

        Assert.Equal((8.0, 8.0, 8.0), (result.AverageHours, result.MinimumHours, result.MaximumHours));
        Assert.Equal(6.4, result.EffectiveAverageHours);
        Assert.Equal(5, result.ClientWorkingDays);
        Assert.Equal(4, result.SharedDays);
        var hit = Assert.Single(result.Holidays);
        Assert.Equal(new HolidayHit(new LocalDate(2027, 4, 21), "BR", "Tiradentes' Day", HolidaySide.Professional, HolidayKind.Holiday), hit);
        Assert.Equal([8, 8, 0, 8, 8], result.Days.Select(d => d.EffectiveHours));
        Assert.Equal([8, 8, 8, 8, 8], result.Days.Select(d => d.Hours));
    }

    [Fact]
    public void Thanksgiving_is_left_out_of_the_client_working_days()
    {
        // NY 09–17 EST = 14–22 UTC; São Paulo 12–21 UTC: 7 h. Thanksgiving, Thu 2027-11-25, is the client's own holiday.
        var result = Calculator.Compute(At("America/New_York", 9, 17), At("America/Sao_Paulo", 9, 18), new LocalDate(2027, 11, 22), 1,
            Days("US", (2027, 11, 25, "Thanksgiving Day")), Days("BR", (2027, 11, 15, "Republic Day"), (2027, 11, 20, "Black Awareness Day")));

        Assert.Equal(4, result.ClientWorkingDays);
        Assert.Equal(4, result.SharedDays);
        Assert.Equal((7.0, 7.0, 7.0, 7.0), (result.AverageHours, result.MinimumHours, result.MaximumHours, result.EffectiveAverageHours));
        Assert.DoesNotContain(result.Days, d => d.Date == new LocalDate(2027, 11, 25));
        var hit = Assert.Single(result.Holidays);
        Assert.Equal((HolidaySide.Client, "US", new LocalDate(2027, 11, 25)), (hit.Side, hit.Country, hit.Date));
        Assert.Equal(
            "Shares 4 of the client's 4 working days: 2027-11-25 Thanksgiving Day (US) is the client's own holiday.",
            HolidayExplanation.Explain(result));
    }

    [Fact]
    public void Bogota_observes_Epiphany_on_the_Monday_not_on_January_6()
    {
        // Ley Emiliani: Epiphany (Wed 2027-01-06) is observed on Mon 2027-01-11. NY 09–17 EST = 14–22 UTC; Bogotá 08–17 = 13–22 UTC: 8 h.
        var colombia = Days("CO", (2027, 1, 1, "New Year's Day"), (2027, 1, 11, "Epiphany"));
        var result = Calculator.Compute(At("America/New_York", 9, 17), At("America/Bogota", 8, 17), new LocalDate(2027, 1, 4), 2, HolidaySet.Empty, colombia);

        Assert.Equal(10, result.ClientWorkingDays);
        Assert.Equal(9, result.SharedDays);
        Assert.Equal(8, result.AverageHours);
        Assert.Equal(7.2, result.EffectiveAverageHours);
        Assert.Equal(new LocalDate(2027, 1, 11), Assert.Single(result.Holidays).Date);
        Assert.Equal(8, result.Days.Single(d => d.Date == new LocalDate(2027, 1, 6)).EffectiveHours);
    }

    [Fact]
    public void Chile_leaves_daylight_time_after_its_Good_Friday()
    {
        // NY 08–17 EDT = 12–21 UTC. Santiago 09–18: −3 (12–21 UTC, 9 h) until 2027-04-04, then −4 (13–22 UTC, 8 h).
        // Good Friday 2027-03-26 is a Chilean holiday: 10 days of 9 h and 5 of 8 h = 130 h over 15 days; 121 h without Good Friday.
        var chile = Days("CL", (2027, 3, 26, "Good Friday"), (2027, 3, 28, "Easter Sunday"));
        var result = Calculator.Compute(At("America/New_York", 8, 17), At("America/Santiago", 9, 18), new LocalDate(2027, 3, 22), 3, HolidaySet.Empty, chile);

        Assert.Equal(15, result.ClientWorkingDays);
        Assert.Equal((8.67, 8.0, 9.0), (result.AverageHours, result.MinimumHours, result.MaximumHours));
        Assert.Equal(8.07, result.EffectiveAverageHours);
        Assert.Equal(14, result.SharedDays);
        Assert.Equal(new LocalDate(2027, 3, 26), Assert.Single(result.Holidays).Date);
        Assert.Contains(result.Changes, c => c.Date == new LocalDate(2027, 4, 5) && c.HoursAfter == 8 && c.Transitions.Any(t => t.ZoneId == "America/Santiago"));
    }

    [Fact]
    public void A_holiday_on_the_professionals_date_empties_the_clients_next_date()
    {
        // Client Tokyo 00:00–06:00 (UTC+9) = 15–21 UTC of the day before; São Paulo 09–18 = 12–21 UTC: the professional's date p meets client date p+1.
        // Tiradentes (Wed 2027-04-21 in São Paulo) takes the client's Thursday 2027-04-22; the client's Monday meets the professional's Sunday.
        var result = Calculator.Compute(At("Asia/Tokyo", 0, 6), At("America/Sao_Paulo", 9, 18), new LocalDate(2027, 4, 19), 1,
            HolidaySet.Empty, Days("BR", (2027, 4, 21, "Tiradentes' Day")));

        Assert.Equal([0, 6, 6, 6, 6], result.Days.Select(d => d.Hours));
        Assert.Equal([0, 6, 6, 0, 6], result.Days.Select(d => d.EffectiveHours));
        Assert.Equal((4.8, 0.0, 3.6, 3), (result.AverageHours, result.MinimumHours, result.EffectiveAverageHours, result.SharedDays));
        var hit = Assert.Single(result.Holidays);
        Assert.Equal((new LocalDate(2027, 4, 21), HolidaySide.Professional), (hit.Date, hit.Side));
    }

    [Fact]
    public void A_closure_week_and_the_observed_holidays_around_it_leave_four_client_days()
    {
        // 2027-12-24 (Fri) is the US observed Christmas; the company closes 2027-12-27..31, where 2027-12-31 is also the observed New Year.
        var clientDaysOff = Days("US", (2027, 12, 24, "Christmas Day"), (2027, 12, 31, "New Year's Day"))
            .Union(new HolidaySet(Enumerable.Range(27, 5).Select(d => new HolidayDay(new LocalDate(2027, 12, d), "Year-end shutdown", null, HolidayKind.Closure))));
        var result = Calculator.Compute(At("America/New_York", 9, 17), At("America/Sao_Paulo", 9, 18), new LocalDate(2027, 12, 20), 2,
            clientDaysOff, Days("BR", (2027, 12, 25, "Christmas Day")));

        Assert.Equal(4, result.ClientWorkingDays);
        Assert.Equal((7.0, 7.0), (result.AverageHours, result.EffectiveAverageHours));
        Assert.Equal(6, result.Holidays.Count);
        Assert.Equal(4, result.Holidays.Count(h => h.Kind == HolidayKind.Closure && h.Country is null));
        Assert.Equal("New Year's Day", result.Holidays.Single(h => h.Date == new LocalDate(2027, 12, 31)).Name);
        Assert.All(result.Holidays, h => Assert.Equal(HolidaySide.Client, h.Side));
    }
}
