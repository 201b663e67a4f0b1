using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

/// <summary>Maps local date-times of one zone to instants for a run of consecutive local dates.</summary>
internal sealed class ZoneDayTable
{
    private const long NotSimple = long.MinValue;
    private static readonly long Margin = 18 * NodaConstants.TicksPerHour;

    private readonly long[] _offsets;
    private readonly int _firstEpochDay;

    private ZoneDayTable(DateTimeZone zone, LocalDate first, long[] offsets)
    {
        Zone = zone;
        First = first;
        _offsets = offsets;
        _firstEpochDay = OverlapMath.EpochDay(first);
        FirstWeekdayIndex = (int)first.DayOfWeek - 1;
    }

    public DateTimeZone Zone { get; }

    public LocalDate First { get; }

    public int FirstWeekdayIndex { get; }

    public int Count => _offsets.Length;

    public static ZoneDayTable Create(DateTimeZone zone, LocalDate first, int count)
    {
        var offsets = new long[count];
        var firstEpochDay = OverlapMath.EpochDay(first);
        ZoneInterval? current = null;
        for (var i = 0; i < count; i++)
        {
            // A local date whose whole day (±18 h, the widest possible offset) sees no transition maps with one fixed offset.
            var midnight = (firstEpochDay + (long)i) * NodaConstants.TicksPerDay;
            var low = midnight - Margin;
            var high = midnight + NodaConstants.TicksPerDay + Margin;
            if (current is null || !Contains(current, low))
            {
                current = zone.GetZoneInterval(Instant.FromUnixTimeTicks(low));
            }

            offsets[i] = !current.HasEnd || current.End.ToUnixTimeTicks() > high ? current.WallOffset.Ticks : NotSimple;
        }

        return new ZoneDayTable(zone, first, offsets);
    }

    public long ToInstantTicks(int dayIndex, long tickOfDay)
    {
        var offset = _offsets[dayIndex];
        if (offset != NotSimple)
        {
            return ((_firstEpochDay + (long)dayIndex) * NodaConstants.TicksPerDay) + tickOfDay - offset;
        }

        var local = First.PlusDays(dayIndex) + LocalTime.FromTicksSinceMidnight(tickOfDay);
        return Zone.ResolveLocal(local, Resolvers.LenientResolver).ToInstant().ToUnixTimeTicks();
    }

    private static bool Contains(ZoneInterval interval, long ticks) =>
        (!interval.HasStart || interval.Start.ToUnixTimeTicks() <= ticks) && (!interval.HasEnd || interval.End.ToUnixTimeTicks() > ticks);
}
