using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>How a ranking walks the snapshot: by skill holders, by schedule cells, or everyone.</summary>
public sealed partial class CandidateIndex
{
    private static RankWorker[] RankSnapshot(IndexState state, RankPlan plan, int pageEnd, int countryCount)
    {
        var snapshot = state.Snapshot;
        if (plan.Impossible || snapshot.Count == 0)
        {
            return [];
        }

        var parallelism = Math.Clamp(Environment.ProcessorCount, 1, 8);
        if (plan.Required.Length > 0)
        {
            var (list, count) = IntersectRequired(snapshot, plan.Required);
            try
            {
                var parts = count >= ParallelThreshold ? parallelism : 1;
                var workers = NewWorkers(parts, pageEnd, countryCount, plan.ProjectSkillCount);
                Run(parts, w =>
                {
                    var from = (int)((long)count * w / parts);
                    var to = (int)((long)count * (w + 1) / parts);
                    ScoreList(state, plan, workers[w], list.AsSpan(from, to - from));
                });
                return workers;
            }
            finally
            {
                ArrayPool<int>.Shared.Return(list);
            }
        }

        return RankBroad(state, plan, pageEnd, countryCount, parallelism);
    }

    /// <summary>
    /// A query without required skills: the eligible pool is counted per (schedule group, English level) cell; the
    /// candidates holding a skill that counts are scored from their posting lists in id order; the rest can only
    /// reach the key of an empty skill match, so they are visited cell by cell, best cell first, and only while that
    /// cell's bound can still enter the page.
    /// </summary>
    private static RankWorker[] RankBroad(IndexState state, RankPlan plan, int pageEnd, int countryCount, int parallelism)
    {
        var snapshot = state.Snapshot;
        var cells = snapshot.Cells;
        var workers = NewWorkers(1, pageEnd, countryCount, plan.ProjectSkillCount);
        var result = workers[0];
        var eligibleCells = new List<int>();
        for (var c = 0; c < cells.Cells.Length; c++)
        {
            var cell = cells.Cells[c];
            if (plan.EnglishOk[cell.English] && plan.GroupEligible[cell.Group])
            {
                result.CountCell(cell, cells);
                eligibleCells.Add(c);
            }
        }

        var removed = state.Removed;
        if (removed.Count > 0)
        {
            foreach (var o in removed.Ordinals())
            {
                if (IsEligible(snapshot, plan, o))
                {
                    ref readonly var hot = ref snapshot.Hot[o];
                    result.Uncount(hot.Country, hot.CitySize, hot.Rural);
                }
            }
        }

        var words = (snapshot.Count + 63) >> 6;
        var bits = ArrayPool<ulong>.Shared.Rent(words);
        try
        {
            Array.Clear(bits, 0, words);
            var holders = 0;
            foreach (var code in plan.RelevantCodes)
            {
                var postings = snapshot.Postings(code);
                holders += postings.Length;
                foreach (var o in postings)
                {
                    bits[o >> 6] |= 1UL << o;
                }
            }

            if (holders > 0)
            {
                var parts = holders >= ParallelThreshold ? parallelism : 1;
                var scorers = NewWorkers(parts, pageEnd, countryCount, plan.ProjectSkillCount);
                Run(parts, w =>
                {
                    var fromWord = (int)((long)words * w / parts);
                    var toWord = (int)((long)words * (w + 1) / parts);
                    ScoreHolders(state, plan, scorers[w], bits, fromWord, toWord);
                });

                foreach (var scorer in scorers)
                {
                    foreach (var entry in scorer.Heap.Items)
                    {
                        result.Heap.Offer(entry.Key, entry.Hi, entry.Lo, entry.Ref);
                    }
                }
            }

            ScoreWithoutSkills(state, plan, result.Heap, bits, eligibleCells);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(bits);
        }

        return workers;
    }

    private static bool IsEligible(IndexSnapshot s, RankPlan plan, int o)
    {
        ref readonly var h = ref s.Hot[o];
        return h.Status == (byte)ProfessionalStatus.Active && plan.EnglishOk[h.English] && plan.GroupEligible[h.Group];
    }

    /// <summary>Candidates whose bit is set, in id order: they hold at least one skill that earns credit.</summary>
    private static void ScoreHolders(IndexState state, RankPlan plan, RankWorker worker, ulong[] bits, int fromWord, int toWord)
    {
        var s = state.Snapshot;
        var hot = s.Hot;
        var removed = state.Removed;
        var checkRemoved = removed.Count > 0;
        var englishOk = plan.EnglishOk;
        var groupEligible = plan.GroupEligible;
        for (var w = fromWord; w < toWord; w++)
        {
            var word = bits[w];
            while (word != 0)
            {
                var o = (w << 6) + BitOperations.TrailingZeroCount(word);
                word &= word - 1;
                ref readonly var h = ref hot[o];
                if (h.Status != (byte)ProfessionalStatus.Active || !englishOk[h.English] || !groupEligible[h.Group] || (checkRemoved && removed.Contains(o)))
                {
                    continue;
                }

                Offer(s, plan, worker, o, in h);
            }
        }
    }

    /// <summary>
    /// Candidates holding no skill that earns credit all have the same skills term, so a cell's bound is exact up to
    /// rate and availability: cells are visited best bound first and the walk stops at the first that cannot enter.
    /// Offers arrive out of id order here, so ties are settled by the heap's full comparison.
    /// </summary>
    private static void ScoreWithoutSkills(IndexState state, RankPlan plan, TopK heap, ulong[] bits, List<int> eligibleCells)
    {
        var s = state.Snapshot;
        var cells = s.Cells;
        var bounds = new List<long>(eligibleCells.Count);
        var visit = new List<int>(eligibleCells.Count);
        foreach (var c in eligibleCells)
        {
            var cell = cells.Cells[c];
            var bound = plan.GroupZeroSkillBound[cell.Group] + plan.EnglishBound[cell.English];
            if (heap.Accepts(bound))
            {
                bounds.Add(-bound);
                visit.Add(c);
            }
        }

        var order = visit.ToArray();
        Array.Sort(bounds.ToArray(), order);
        var removed = state.Removed;
        var checkRemoved = removed.Count > 0;
        var zeroSkills = plan.Weights[0] * plan.ZeroSkillUnits;
        foreach (var c in order)
        {
            var cell = cells.Cells[c];
            if (!heap.Accepts(plan.GroupZeroSkillBound[cell.Group] + plan.EnglishBound[cell.English]))
            {
                break;
            }

            foreach (var o in cells.OrdinalsOf(cell))
            {
                if ((bits[o >> 6] & (1UL << o)) != 0 || (checkRemoved && removed.Contains(o)))
                {
                    continue;
                }

                var key = plan.KeyWithoutSkillsAtFullRate(cell.Group, s.Hot[o].Country, cell.English, s.Hot[o].Available) + zeroSkills;
                if (!heap.Accepts(key))
                {
                    continue;
                }

                key -= plan.RateShortfall(s.Rate[o]);
                if (heap.Accepts(key))
                {
                    heap.Offer(key, s.IdHi[o], s.IdLo[o], o);
                }
            }
        }
    }
}
