using NodaTime;

namespace NearshoreHub.Matching.Tests;

public class WorkDaysTests
{
    [Theory]
    [InlineData("Mon,Tue,Wed,Thu,Fri", WorkDays.Weekdays)]
    [InlineData("mon, friday", WorkDays.Mon | WorkDays.Fri)]
    [InlineData("Mon-Fri", WorkDays.Weekdays)]
    [InlineData("Sat-Mon", WorkDays.Sat | WorkDays.Sun | WorkDays.Mon)]
    [InlineData("All", WorkDays.All)]
    public void Parses_day_lists(string text, WorkDays expected) => Assert.Equal(expected, WorkDaysFormat.Parse(text));

    [Theory]
    [InlineData("")]
    [InlineData("Mon,Funday")]
    public void Rejects_unknown_days(string text) => Assert.False(WorkDaysFormat.TryParse(text, out _));

    [Fact]
    public void Formats_in_week_order() => Assert.Equal("Mon,Wed,Sun", WorkDaysFormat.Format(WorkDays.Sun | WorkDays.Wed | WorkDays.Mon));

    [Fact]
    public void Maps_iso_days_of_week()
    {
        Assert.Equal(WorkDays.Mon, WorkDaysFormat.FromIsoDayOfWeek(IsoDayOfWeek.Monday));
        Assert.Equal(WorkDays.Sun, WorkDaysFormat.FromIsoDayOfWeek(IsoDayOfWeek.Sunday));
        Assert.True(WorkDays.Weekdays.Includes(IsoDayOfWeek.Friday));
        Assert.False(WorkDays.Weekdays.Includes(IsoDayOfWeek.Saturday));
    }

    [Theory]
    [InlineData(99_999, CitySize.Town)]
    [InlineData(100_000, CitySize.City)]
    [InlineData(999_999, CitySize.City)]
    [InlineData(1_000_000, CitySize.Metro)]
    public void City_size_follows_population(int population, CitySize expected) => Assert.Equal(expected, CitySizes.FromPopulation(population));
}
