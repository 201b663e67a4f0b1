using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>Ranking a project over the whole pool: the entry point, the overlap cache per schedule group, and the workers.</summary>
public sealed partial class CandidateIndex
{
    public RankingResult Rank(ProjectQuery query, int limit, int offset)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        if ((long)limit + offset > MaxPageEnd)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), $"offset + limit may not exceed {MaxPageEnd}.");
        }

        query.Validate();
        var state = Volatile.Read(ref _state);

        // Registries only grow and the state read above references nothing newer than these counts.
        var groupCount = _registries.Groups.Count;
        var countryCount = _registries.Countries.Count;
        var overlaps = GroupOverlapsFor(query, groupCount);
        var plan = RankPlan.Create(query, _registries, Relations, overlaps, groupCount);
        var pageEnd = offset + limit;

        var workers = RankSnapshot(state, plan, pageEnd, countryCount);
        var extrasWorker = new RankWorker(pageEnd, countryCount, plan.ProjectSkillCount);
        RankExtras(state, plan, extrasWorker);

        var merged = new List<HeapEntry>(pageEnd * (workers.Length + 1));
        var poolCounts = new int[countryCount];
        var sizes = new int[3];
        int eligible = 0, rural = 0, townOrRural = 0;
        foreach (var worker in workers.Append(extrasWorker))
        {
            merged.AddRange(worker.Heap.Items);
            eligible += worker.Eligible;
            rural += worker.Rural;
            townOrRural += worker.TownOrRural;
            for (var i = 0; i < 3; i++)
            {
                sizes[i] += worker.Sizes[i];
            }

            for (var c = 0; c < countryCount; c++)
            {
                poolCounts[c] += worker.Countries[c];
            }
        }

        merged.Sort(HeapEntry.CompareBestFirst);
        if (merged.Count > pageEnd)
        {
            merged.RemoveRange(pageEnd, merged.Count - pageEnd);
        }

        var countries = _registries.Countries.Items;
        var pool = new RepresentationCounter();
        for (var c = 0; c < countryCount; c++)
        {
            pool.AddCounts(countries[c], poolCounts[c]);
        }

        pool.AddShape(eligible, sizes, rural, townOrRural);

        var top = new RepresentationCounter();
        var items = new List<RankedCandidate>(Math.Max(0, Math.Min(limit, merged.Count - offset)));
        for (var i = 0; i < merged.Count; i++)
        {
            var entry = merged[i];
            if (entry.Ref >= 0)
            {
                var s = state.Snapshot;
                ref readonly var hot = ref s.Hot[entry.Ref];
                top.Add(countries[hot.Country], (CitySize)hot.CitySize, hot.Rural != 0);
            }
            else
            {
                var record = state.Extras[-entry.Ref - 1].Record;
                top.Add(record.Country, record.CitySize, record.IsRural);
            }

            if (i < offset)
            {
                continue;
            }

            var candidate = entry.Ref >= 0 ? state.Snapshot.ToRecord(entry.Ref, _registries) : state.Extras[-entry.Ref - 1].Record;
            var evaluation = Scorer.Evaluate(query, candidate);
            Debug.Assert(evaluation.RankKey == entry.Key && evaluation.IsEligible, "The index and the scorer must agree.");
            items.Add(new RankedCandidate(
                i + 1,
                candidate.Id,
                evaluation.Score,
                evaluation.Breakdown,
                evaluation.Overlap.AverageHours,
                evaluation.Overlap.MinimumHours,
                evaluation.Overlap.MaximumHours,
                evaluation.MatchedSkillIds,
                evaluation.MissingSkillIds,
                evaluation.Explanation,
                candidate,
                evaluation));
        }

        return new RankingResult(eligible, items, pool.ToRepresentation(), top.ToRepresentation(), query.Weights);
    }

    private GroupOverlaps GroupOverlapsFor(ProjectQuery query, int groupCount) =>
        GroupOverlapsFor(query.CoreSchedule, query.StartDate, query.DurationWeeks, groupCount);

    /// <summary>Average and minimum daily overlap of every schedule group with a client schedule; cached per schedule.</summary>
    private GroupOverlaps GroupOverlapsFor(WorkSchedule core, LocalDate startDate, int weeks, int groupCount)
    {
        var key = new OverlapCacheKey(core.TimeZoneId, core.Start, core.End, core.Days & WorkDays.All, startDate, weeks);
        _overlapCache.TryGetValue(key, out var cached);
        if (cached is not null && cached.Average.Length >= groupCount)
        {
            return cached;
        }

        var known = cached?.Average.Length ?? 0;
        var average = new double[groupCount];
        var minimum = new double[groupCount];
        if (cached is not null)
        {
            Array.Copy(cached.Average, average, known);
            Array.Copy(cached.Minimum, minimum, known);
        }

        var plan = ClientPlan.Create(core, _registries.Zones[core.TimeZoneId], startDate, weeks);
        var groups = _registries.Groups.Items;
        var tables = new ZoneDayTable?[_registries.ZoneIds.Count];
        for (var g = known; g < groupCount; g++)
        {
            var zone = groups[g].Zone;
            tables[zone] ??= plan.CreateProfessionalTable(_registries.Zone(zone));
        }

        void Compute(int g)
        {
            var group = groups[g];
            var totals = plan.Overlap(tables[group.Zone]!, group.StartTick, group.EndTick, group.Days, []);
            average[g] = OverlapMath.AverageHours(totals.SumTicks, plan.WorkingDays);
            minimum[g] = OverlapMath.Hours(totals.MinTicks);
        }

        if (groupCount - known > 256)
        {
            Parallel.For(known, groupCount, Compute);
        }
        else
        {
            for (var g = known; g < groupCount; g++)
            {
                Compute(g);
            }
        }

        var result = new GroupOverlaps(average, minimum);
        if (_overlapCache.Count >= OverlapCacheLimit)
        {
            _overlapCache.Clear();
        }

        _overlapCache[key] = result;
        return result;
    }

    private static RankWorker[] NewWorkers(int parts, int pageEnd, int countryCount, int skillCount)
    {
        var workers = new RankWorker[parts];
        for (var i = 0; i < parts; i++)
        {
            workers[i] = new RankWorker(pageEnd, countryCount, skillCount);
        }

        return workers;
    }

    private static void Run(int parts, Action<int> body)
    {
        if (parts == 1)
        {
            body(0);
        }
        else
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, body);
        }
    }
}
