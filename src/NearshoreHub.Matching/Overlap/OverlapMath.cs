using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

internal static class OverlapMath
{
    public static double Hours(long ticks) => ticks / (double)NodaConstants.TicksPerHour;

    public static double AverageHours(long sumTicks, int days) =>
        days == 0 ? 0 : Math.Round(sumTicks / (double)days / NodaConstants.TicksPerHour, 2, MidpointRounding.AwayFromZero);

    public static int EpochDay(LocalDate date) => date.ToDateOnly().DayNumber - 719_162;
}
