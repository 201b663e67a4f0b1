using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

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
