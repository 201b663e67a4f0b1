using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

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
