namespace NearshoreHub.Matching;

/// <summary>Overlap with the professional's days off removed (product spec §9).</summary>
internal sealed partial class ClientPlan
{
    /// <summary>
    /// Per client working day, the holiday-free overlap (<paramref name="perDay"/>) and the overlap without the windows of
    /// the professional's local dates marked in <paramref name="off"/> (table-indexed, <paramref name="perDayEffective"/>);
    /// <paramref name="removedWork"/> marks the days off whose window took work away.
    /// </summary>
    public (OverlapTotals Totals, long EffectiveSum, int SharedDays) OverlapWithDaysOff(
        ZoneDayTable table, long startTick, long endTick, WorkDays days, bool[] off, long[] perDay, long[] perDayEffective, bool[] removedWork)
    {
        var n = WorkingDayIndex.Length;
        if (n == 0)
        {
            return default;
        }

        long sum = 0, min = long.MaxValue, max = 0, effectiveSum = 0;
        var shared = 0;
        var daysMask = (int)days;
        var firstWeekday = table.FirstWeekdayIndex;
        for (var k = 0; k < n; k++)
        {
            var i = WorkingDayIndex[k];
            var cs = WindowStart[k];
            var ce = WindowEnd[k];
            long total = 0, effective = 0;
            var covered = long.MinValue;
            var coveredEffective = long.MinValue;
            for (var j = i; j <= i + 2; j++)
            {
                if ((daysMask & (1 << ((firstWeekday + j) % 7))) == 0)
                {
                    continue;
                }

                var ws = table.ToInstantTicks(j, startTick);
                var we = table.ToInstantTicks(j, endTick);
                var part = Clip(ws, we, cs, ce, ref covered);
                total += part;
                if (off[j])
                {
                    removedWork[j] |= part > 0;
                    continue;
                }

                effective += Clip(ws, we, cs, ce, ref coveredEffective);
            }

            perDay[k] = total;
            perDayEffective[k] = effective;
            sum += total;
            effectiveSum += effective;
            shared += effective > 0 ? 1 : 0;
            min = Math.Min(min, total);
            max = Math.Max(max, total);
        }

        return (new OverlapTotals(sum, min, max), effectiveSum, shared);
    }

    /// <summary>
    /// How much each of the professional's local dates (table-indexed) adds to the holiday-free overlap summed over the
    /// client working days. Windows of different local dates never overlap, so the sum without a set of dates is the total
    /// minus their contributions.
    /// </summary>
    public void Contributions(ZoneDayTable table, long startTick, long endTick, WorkDays days, Span<long> contributions)
    {
        contributions.Clear();
        var daysMask = (int)days;
        var firstWeekday = table.FirstWeekdayIndex;
        for (var k = 0; k < WorkingDayIndex.Length; k++)
        {
            var i = WorkingDayIndex[k];
            var covered = long.MinValue;
            for (var j = i; j <= i + 2; j++)
            {
                if ((daysMask & (1 << ((firstWeekday + j) % 7))) == 0)
                {
                    continue;
                }

                contributions[j] += Clip(table.ToInstantTicks(j, startTick), table.ToInstantTicks(j, endTick), WindowStart[k], WindowEnd[k], ref covered);
            }
        }
    }

    private static long Clip(long ws, long we, long cs, long ce, ref long covered)
    {
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
        return hi > lo ? hi - lo : 0;
    }
}
