using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using NodaTime;

namespace NearshoreHub.Matching;

public sealed record RankedCandidate(
    int Rank,
    Guid CandidateId,
    decimal Score,
    ScoreBreakdown Breakdown,
    double AverageOverlapHours,
    double MinimumOverlapHours,
    double MaximumOverlapHours,
    IReadOnlyList<int> MatchedSkillIds,
    IReadOnlyList<int> MissingSkillIds,
    IReadOnlyList<string> Explanation,
    CandidateRecord Candidate,
    MatchEvaluation Evaluation);

/// <summary><see cref="Top"/> describes the first offset+limit candidates, <see cref="Pool"/> every eligible one.</summary>
public sealed record RankingResult(
    int EligibleCount,
    IReadOnlyList<RankedCandidate> Items,
    Representation Pool,
    Representation Top,
    ScoreWeights Weights);

/// <summary>
/// Every professional in compact columns, ranked per project in milliseconds (product spec §3).
/// Readers take an immutable state (snapshot + tombstones + changed candidates) with one volatile read;
/// <see cref="Upsert"/> and <see cref="Remove"/> publish a new state under a writer lock, so the next
/// <see cref="Rank"/> sees them and no ranking ever sees half a change. When the changed set grows past
/// <see cref="CompactionThreshold"/>, the writer folds it into a new snapshot.
/// </summary>
public sealed partial class CandidateIndex
{
    public const int DefaultCompactionThreshold = 8192;
    public const int MaxPageEnd = 1_000_000;

    private const int ParallelThreshold = 65_536;
    private const int OverlapCacheLimit = 1024;

    private readonly IndexRegistries _registries;
    private readonly Lock _writeLock = new();
    private readonly ConcurrentDictionary<OverlapCacheKey, GroupOverlaps> _overlapCache = new();
    private IndexState _state;

    internal CandidateIndex(IndexRegistries registries, ISkillRelations relations, IndexSnapshot snapshot)
    {
        _registries = registries;
        Relations = relations;
        Scorer = new MatchScorer(new OverlapCalculator(registries.Zones), relations);
        _state = new IndexState(snapshot, Tombstones.Empty(snapshot.Count), [], []);
    }

    public ISkillRelations Relations { get; }

    /// <summary>The scorer the index uses for the entries it returns; use it for single candidates.</summary>
    public MatchScorer Scorer { get; }

    public int CompactionThreshold { get; set; } = DefaultCompactionThreshold;

    /// <summary>Number of professionals currently indexed (any status).</summary>
    public int Count
    {
        get
        {
            var state = Volatile.Read(ref _state);
            return state.Snapshot.Count - state.Removed.Count + state.Extras.Length;
        }
    }

    public bool TryGet(Guid id, out CandidateRecord? record)
    {
        var state = Volatile.Read(ref _state);
        if (state.ExtraPositions.TryGetValue(id, out var at))
        {
            record = state.Extras[at].Record;
            return true;
        }

        var (hi, lo) = GuidOrder.Split(id);
        var ordinal = state.Snapshot.Find(hi, lo);
        if (ordinal >= 0 && !state.Removed.Contains(ordinal))
        {
            record = state.Snapshot.ToRecord(ordinal, _registries);
            return true;
        }

        record = null;
        return false;
    }

    public void Upsert(CandidateRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var extra = new ExtraCandidate(record, _registries);
        lock (_writeLock)
        {
            var state = _state;
            var removed = state.Removed;
            var ordinal = state.Snapshot.Find(extra.Hi, extra.Lo);
            if (ordinal >= 0)
            {
                removed = removed.With(ordinal);
            }

            ExtraCandidate[] extras;
            Dictionary<Guid, int> positions;
            if (state.ExtraPositions.TryGetValue(record.Id, out var at))
            {
                extras = (ExtraCandidate[])state.Extras.Clone();
                extras[at] = extra;
                positions = state.ExtraPositions;
            }
            else
            {
                extras = [.. state.Extras, extra];
                positions = new Dictionary<Guid, int>(state.ExtraPositions) { [record.Id] = state.Extras.Length };
            }

            Publish(new IndexState(state.Snapshot, removed, extras, positions));
        }
    }

    public bool Remove(Guid id)
    {
        var (hi, lo) = GuidOrder.Split(id);
        lock (_writeLock)
        {
            var state = _state;
            var existed = false;
            var removed = state.Removed;
            var ordinal = state.Snapshot.Find(hi, lo);
            if (ordinal >= 0 && !removed.Contains(ordinal))
            {
                removed = removed.With(ordinal);
                existed = true;
            }

            var extras = state.Extras;
            var positions = state.ExtraPositions;
            if (positions.TryGetValue(id, out var at))
            {
                existed = true;
                extras = (ExtraCandidate[])extras.Clone();
                positions = new Dictionary<Guid, int>(positions);
                positions.Remove(id);
                var last = extras.Length - 1;
                if (at != last)
                {
                    extras[at] = extras[last];
                    positions[extras[at].Record.Id] = at;
                }

                Array.Resize(ref extras, last);
            }

            if (existed)
            {
                Publish(new IndexState(state.Snapshot, removed, extras, positions));
            }

            return existed;
        }
    }

    /// <summary>Folds every change into a fresh snapshot (also done automatically past <see cref="CompactionThreshold"/>).</summary>
    public void Compact()
    {
        lock (_writeLock)
        {
            Volatile.Write(ref _state, Compacted(_state));
        }
    }

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
        int eligible = 0, rural = 0;
        foreach (var worker in workers.Append(extrasWorker))
        {
            merged.AddRange(worker.Heap.Items);
            eligible += worker.Eligible;
            rural += worker.Rural;
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

        pool.AddShape(eligible, sizes, rural);

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

    private void Publish(IndexState state) =>
        Volatile.Write(ref _state, state.Extras.Length > CompactionThreshold ? Compacted(state) : state);

    private IndexState Compacted(IndexState state)
    {
        var snapshot = state.Snapshot;
        var builder = new CandidateIndexBuilder(_registries, Relations, snapshot.Count - state.Removed.Count + state.Extras.Length);
        builder.AddAllFrom(snapshot, state.Removed.Contains);

        foreach (var extra in state.Extras)
        {
            builder.Add(extra.Record);
        }

        var fresh = builder.BuildSnapshot();
        return new IndexState(fresh, Tombstones.Empty(fresh.Count), [], []);
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
        return h.Status == (byte)CandidateStatus.Active && plan.EnglishOk[h.English] && plan.GroupEligible[h.Group];
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
                if (h.Status != (byte)CandidateStatus.Active || !englishOk[h.English] || !groupEligible[h.Group] || (checkRemoved && removed.Contains(o)))
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

                var key = plan.KeyWithoutSkillsAtFullRate(cell.Group, cell.English, s.Hot[o].Available) + zeroSkills;
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
            if (h.Status != (byte)CandidateStatus.Active || !englishOk[h.English] || !groupEligible[h.Group] || (checkRemoved && removed.Contains(o)))
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
        var partial = plan.KeyWithoutSkillsAtFullRate(g, e, h.Available);
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
            if (record.Status != CandidateStatus.Active || !plan.EnglishOk[(byte)record.English] || !plan.GroupEligible[extra.Group] || plan.Impossible)
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
            var key = plan.Key(skills, extra.Group, record.HourlyRateUsd, (byte)record.English, extra.Available);
            worker.Heap.Offer(key, extra.Hi, extra.Lo, -(i + 1));
        }
    }

    private sealed class RankWorker(int pageEnd, int countryCount, int skillCount)
    {
        public TopK Heap { get; } = new(pageEnd);

        public double[] Best { get; } = new double[skillCount];

        public int[] Countries { get; } = new int[countryCount];

        public int[] Sizes { get; } = new int[3];

        public int Rural { get; private set; }

        public int Eligible { get; private set; }

        public void CountCell(in CandidateCell cell, CandidateCells cells)
        {
            Eligible += cell.Count;
            Sizes[0] += cell.Town;
            Sizes[1] += cell.City;
            Sizes[2] += cell.Metro;
            Rural += cell.Rural;
            for (var k = cell.CountryStart; k < cell.CountryEnd; k++)
            {
                Countries[cells.CountryCodes[k]] += cells.CountryCounts[k];
            }
        }

        public void Uncount(ushort country, byte citySize, byte rural)
        {
            Eligible--;
            Countries[country]--;
            Sizes[Math.Min((int)citySize, 2)]--;
            Rural -= rural;
        }

        public void Count(ushort country, byte citySize, byte rural)
        {
            Eligible++;
            Countries[country]++;
            Sizes[Math.Min((int)citySize, 2)]++;
            Rural += rural;
        }
    }
}
