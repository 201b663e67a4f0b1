using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

public sealed record DayOverlap(LocalDate Date, double Hours);

/// <summary>A UTC-offset change of one of the two zones (DST start or end, or a rule change).</summary>
public sealed record ZoneTransition(
    string ZoneId,
    bool IsClientZone,
    Instant At,
    LocalDate LocalDate,
    Offset OffsetBefore,
    Offset OffsetAfter,
    bool StartsDaylightTime,
    bool EndsDaylightTime);

/// <summary>
/// The daily overlap on <see cref="Date"/> differs from the previous client working day
/// (<see cref="PreviousDate"/>); <see cref="Transitions"/> lists the zone changes that happened between them.
/// </summary>
public sealed record OverlapChange(
    LocalDate PreviousDate,
    LocalDate Date,
    double HoursBefore,
    double HoursAfter,
    IReadOnlyList<ZoneTransition> Transitions);

public sealed record OverlapResult(
    double AverageHours,
    double MinimumHours,
    double MaximumHours,
    int WorkingDayCount,
    IReadOnlyList<DayOverlap> Days,
    IReadOnlyList<OverlapChange> Changes);

/// <summary>
/// Exact working-hour overlap (product spec §2). Local times are resolved with the zone provider's rules:
/// a skipped local time moves forward by the gap, an ambiguous one takes the earlier instant
/// (<see cref="Resolvers.LenientResolver"/>).
/// </summary>
public sealed class OverlapCalculator(IDateTimeZoneProvider zones)
{
    public IDateTimeZoneProvider Zones { get; } = zones ?? throw new ArgumentNullException(nameof(zones));

    public OverlapResult Compute(WorkSchedule client, WorkSchedule professional, LocalDate from, int weeks, bool includeDays = true)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(professional);
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);

        var clientZone = Zones[client.TimeZoneId];
        var professionalZone = Zones[professional.TimeZoneId];
        var plan = ClientPlan.Create(client, clientZone, from, weeks);
        var table = plan.CreateProfessionalTable(professionalZone);
        var perDay = new long[plan.WorkingDays];
        var totals = plan.Overlap(table, professional.Start.TickOfDay, professional.End.TickOfDay, professional.Days, perDay);
        if (plan.WorkingDays == 0)
        {
            return new OverlapResult(0, 0, 0, 0, [], []);
        }

        DayOverlap[] days = [];
        if (includeDays)
        {
            days = new DayOverlap[plan.WorkingDays];
            for (var k = 0; k < days.Length; k++)
            {
                days[k] = new DayOverlap(plan.DateOf(k), OverlapMath.Hours(perDay[k]));
            }
        }

        List<OverlapChange>? changes = null;
        for (var k = 1; k < perDay.Length; k++)
        {
            if (perDay[k] == perDay[k - 1])
            {
                continue;
            }

            var after = Instant.FromUnixTimeTicks(plan.WindowStart[k - 1]);
            var until = Instant.FromUnixTimeTicks(plan.WindowEnd[k]);
            var transitions = new List<ZoneTransition>();
            AddTransitions(transitions, clientZone, true, after, until);
            if (!ReferenceEquals(clientZone, professionalZone) && clientZone.Id != professionalZone.Id)
            {
                AddTransitions(transitions, professionalZone, false, after, until);
            }

            (changes ??= []).Add(new OverlapChange(
                plan.DateOf(k - 1),
                plan.DateOf(k),
                OverlapMath.Hours(perDay[k - 1]),
                OverlapMath.Hours(perDay[k]),
                transitions));
        }

        return new OverlapResult(
            OverlapMath.AverageHours(totals.SumTicks, plan.WorkingDays),
            OverlapMath.Hours(totals.MinTicks),
            OverlapMath.Hours(totals.MaxTicks),
            plan.WorkingDays,
            days,
            changes is null ? [] : changes);
    }

    private static void AddTransitions(List<ZoneTransition> into, DateTimeZone zone, bool isClient, Instant after, Instant until)
    {
        if (until <= after)
        {
            return;
        }

        foreach (var interval in zone.GetZoneIntervals(new Interval(after, until)))
        {
            if (!interval.HasStart || interval.Start <= after || interval.Start > until)
            {
                continue;
            }

            var previous = zone.GetZoneInterval(interval.Start - Duration.Epsilon);
            if (previous.WallOffset == interval.WallOffset)
            {
                continue;
            }

            into.Add(new ZoneTransition(
                zone.Id,
                isClient,
                interval.Start,
                interval.Start.InZone(zone).Date,
                previous.WallOffset,
                interval.WallOffset,
                previous.Savings == Offset.Zero && interval.Savings != Offset.Zero,
                previous.Savings != Offset.Zero && interval.Savings == Offset.Zero));
        }
    }
}

internal static class OverlapMath
{
    public static double Hours(long ticks) => ticks / (double)NodaConstants.TicksPerHour;

    public static double AverageHours(long sumTicks, int days) =>
        days == 0 ? 0 : Math.Round(sumTicks / (double)days / NodaConstants.TicksPerHour, 2, MidpointRounding.AwayFromZero);

    public static int EpochDay(LocalDate date) => date.ToDateOnly().DayNumber - 719_162;
}

internal readonly record struct OverlapTotals(long SumTicks, long MinTicks, long MaxTicks);

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

/// <summary>The client's windows over the engagement, shared by every professional it is compared with.</summary>
internal sealed class ClientPlan
{
    private ClientPlan(LocalDate from, int dayCount, int[] workingDayIndex, long[] windowStart, long[] windowEnd, double coreLengthHours)
    {
        From = from;
        DayCount = dayCount;
        WorkingDayIndex = workingDayIndex;
        WindowStart = windowStart;
        WindowEnd = windowEnd;
        CoreLengthHours = coreLengthHours;
    }

    public LocalDate From { get; }

    public int DayCount { get; }

    public int[] WorkingDayIndex { get; }

    public long[] WindowStart { get; }

    public long[] WindowEnd { get; }

    public int WorkingDays => WorkingDayIndex.Length;

    public double CoreLengthHours { get; }

    public static ClientPlan Create(WorkSchedule client, DateTimeZone zone, LocalDate from, int weeks)
    {
        var dayCount = checked(weeks * 7);
        var table = ZoneDayTable.Create(zone, from, dayCount);
        var indexes = new List<int>(dayCount);
        for (var i = 0; i < dayCount; i++)
        {
            if (((int)client.Days & (1 << ((table.FirstWeekdayIndex + i) % 7))) != 0)
            {
                indexes.Add(i);
            }
        }

        var starts = new long[indexes.Count];
        var ends = new long[indexes.Count];
        for (var k = 0; k < indexes.Count; k++)
        {
            starts[k] = table.ToInstantTicks(indexes[k], client.Start.TickOfDay);
            ends[k] = table.ToInstantTicks(indexes[k], client.End.TickOfDay);
        }

        return new ClientPlan(from, dayCount, [.. indexes], starts, ends, client.LengthHours);
    }

    public LocalDate DateOf(int workingDay) => From.PlusDays(WorkingDayIndex[workingDay]);

    /// <summary>A table covering the professional's local dates from−1 to the last date+1.</summary>
    public ZoneDayTable CreateProfessionalTable(DateTimeZone zone) => ZoneDayTable.Create(zone, From.PlusDays(-1), DayCount + 2);

    public OverlapTotals Overlap(ZoneDayTable table, long startTick, long endTick, WorkDays days, Span<long> perDay)
    {
        var n = WorkingDayIndex.Length;
        if (n == 0)
        {
            return default;
        }

        long sum = 0, min = long.MaxValue, max = 0;
        var daysMask = (int)days;
        var firstWeekday = table.FirstWeekdayIndex;
        for (var k = 0; k < n; k++)
        {
            var i = WorkingDayIndex[k];
            var cs = WindowStart[k];
            var ce = WindowEnd[k];
            long total = 0;
            var covered = long.MinValue;

            // Table index j = client day index + 1, so dates d−1, d, d+1 are j = i .. i+2.
            for (var j = i; j <= i + 2; j++)
            {
                if ((daysMask & (1 << ((firstWeekday + j) % 7))) == 0)
                {
                    continue;
                }

                var ws = table.ToInstantTicks(j, startTick);
                var we = table.ToInstantTicks(j, endTick);
                if (ws < covered)
                {
                    ws = covered;
                }

                if (we > covered)
                {
                    covered = we;
                }

                var lo = ws > cs ? ws : cs;
                var hi = we < ce ? we : ce;
                if (hi > lo)
                {
                    total += hi - lo;
                }
            }

            if (!perDay.IsEmpty)
            {
                perDay[k] = total;
            }

            sum += total;
            if (total < min)
            {
                min = total;
            }

            if (total > max)
            {
                max = total;
            }
        }

        return new OverlapTotals(sum, min, max);
    }
}
