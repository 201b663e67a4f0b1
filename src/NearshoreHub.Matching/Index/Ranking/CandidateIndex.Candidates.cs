using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>Scoring one list of candidates: required-skill intersection, each offer to the heap, and the changed candidates.</summary>
public sealed partial class CandidateIndex
{
    /// <summary>Candidates holding every required skill at its minimum level, ascending; starts from the rarest list.</summary>
    private static (int[] List, int Count) IntersectRequired(IndexSnapshot snapshot, (int Code, int Min)[] required)
    {
        var order = required.OrderBy(r => snapshot.Postings(r.Code).Length).ToArray();
        var first = snapshot.Postings(order[0].Code);
        var firstLevels = snapshot.PostingLevelsOf(order[0].Code);
        var list = ArrayPool<int>.Shared.Rent(Math.Max(first.Length, 1));
        var count = 0;
        for (var i = 0; i < first.Length; i++)
        {
            if (firstLevels[i] >= order[0].Min)
            {
                list[count++] = first[i];
            }
        }

        for (var r = 1; r < order.Length && count > 0; r++)
        {
            var ordinals = snapshot.Postings(order[r].Code);
            var levels = snapshot.PostingLevelsOf(order[r].Code);
            var min = order[r].Min;
            var at = 0;
            var kept = 0;
            var linear = ordinals.Length < count * 16L;
            for (var i = 0; i < count; i++)
            {
                var o = list[i];
                if (linear)
                {
                    while (at < ordinals.Length && ordinals[at] < o)
                    {
                        at++;
                    }
                }
                else
                {
                    at = Gallop(ordinals, at, o);
                }

                if (at == ordinals.Length)
                {
                    break;
                }

                if (ordinals[at] == o && levels[at] >= min)
                {
                    list[kept++] = o;
                }
            }

            count = kept;
        }

        return (list, count);
    }

    /// <summary>First index ≥ <paramref name="from"/> whose value is ≥ <paramref name="target"/>.</summary>
    private static int Gallop(ReadOnlySpan<int> values, int from, int target)
    {
        if (from >= values.Length || values[from] >= target)
        {
            return from;
        }

        var below = from;
        var step = 1;
        var probe = from + 1;
        while (probe < values.Length && values[probe] < target)
        {
            below = probe;
            step <<= 1;
            probe = from + step;
        }

        int lo = below + 1, hi = Math.Min(probe, values.Length);
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (values[mid] < target)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private static void ScoreList(IndexState state, RankPlan plan, RankWorker worker, ReadOnlySpan<int> ordinals)
    {
        var s = state.Snapshot;
        var hot = s.Hot;
        var englishOk = plan.EnglishOk;
        var groupEligible = plan.GroupEligible;
        var removed = state.Removed;
        var checkRemoved = removed.Count > 0;
        foreach (var o in ordinals)
        {
            ref readonly var h = ref hot[o];
            if (h.Status != (byte)ProfessionalStatus.Active || !englishOk[h.English] || !groupEligible[h.Group] || (checkRemoved && removed.Contains(o)))
            {
                continue;
            }

            worker.Count(h.Country, h.CitySize, h.Rural);
            Offer(s, plan, worker, o, in h);
        }
    }

    /// <summary>
    /// Scores one eligible snapshot candidate that holds at least one skill earning credit (callers go through
    /// ordinals, i.e. ids, in ascending order) into the worker's heap, skipping the work whenever an upper bound
    /// (best possible rate, availability and skills) already cannot enter the heap.
    /// </summary>
    private static void Offer(IndexSnapshot s, RankPlan plan, RankWorker worker, int o, in HotFields h)
    {
        var heap = worker.Heap;
        int g = h.Group, e = h.English;
        if (!heap.AcceptsInIdOrder(plan.GroupFullSkillBound[g] + plan.EnglishBound[e]))
        {
            return;
        }

        // The rate term needs decimal division above budget, so it is settled last.
        var partial = plan.KeyWithoutSkillsAtFullRate(g, h.Country, e, h.Available);
        if (!heap.AcceptsInIdOrder(partial + (plan.Weights[0] * ComponentMath.One)))
        {
            return;
        }

        var from = s.SkillStart[o];
        var length = s.SkillStart[o + 1] - from;
        var skills = plan.SkillUnits(s.SkillCode.AsSpan(from, length), s.SkillLevel.AsSpan(from, length), worker.Best);
        var key = partial + (plan.Weights[0] * skills);
        if (!heap.AcceptsInIdOrder(key))
        {
            return;
        }

        key -= plan.RateShortfall(s.Rate[o]);
        if (heap.AcceptsInIdOrder(key))
        {
            heap.Offer(key, s.IdHi[o], s.IdLo[o], o);
        }
    }

    private static void RankExtras(IndexState state, RankPlan plan, RankWorker worker)
    {
        for (var i = 0; i < state.Extras.Length; i++)
        {
            var extra = state.Extras[i];
            var record = extra.Record;
            if (record.Status != ProfessionalStatus.Active || !plan.EnglishOk[(byte)record.English] || !plan.GroupEligible[extra.Group] || plan.Impossible)
            {
                continue;
            }

            var holdsRequired = true;
            foreach (var (code, min) in plan.Required)
            {
                var at = Array.IndexOf(extra.Codes, (ushort)code);
                if (at < 0 || extra.Levels[at] < min)
                {
                    holdsRequired = false;
                    break;
                }
            }

            if (!holdsRequired)
            {
                continue;
            }

            worker.Count(extra.Country, (byte)record.CitySize, record.IsRural ? (byte)1 : (byte)0);
            var skills = plan.SkillUnits(extra.Codes, extra.Levels, worker.Best);
            var key = plan.Key(skills, extra.Group, extra.Country, record.HourlyRateUsd, (byte)record.English, extra.Available);
            worker.Heap.Offer(key, extra.Hi, extra.Lo, -(i + 1));
        }
    }
}
