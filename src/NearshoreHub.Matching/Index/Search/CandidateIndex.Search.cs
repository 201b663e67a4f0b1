namespace NearshoreHub.Matching;

/// <summary>Recruiter search over the same state the rankings read (kept apart from the ranking code).</summary>
public sealed partial class CandidateIndex
{
    private readonly Lock _restTextLock = new();
    private PackedText? _restText;

    /// <summary>
    /// Pages ending past this many rows are cut from a full sort of every match instead of a bounded heap per part
    /// (8 bytes per kept row and part); only export-sized walks through the whole pool pay for the sort.
    /// </summary>
    public int FullSortPageEnd { get; set; } = 1_000_000;

    /// <summary>Scans of at least this many candidates are split over every core (at least two parts).</summary>
    public int ParallelSearchThreshold { get; set; } = ParallelThreshold;

    /// <summary>The distinct texts after the names, packed for one-pass word search; extended when new ones appear.</summary>
    private PackedText RestTextFor(int count)
    {
        var cached = Volatile.Read(ref _restText);
        if (cached is not null && cached.Count >= count)
        {
            return cached;
        }

        lock (_restTextLock)
        {
            cached = _restText;
            if (cached is null || cached.Count < count)
            {
                var known = _registries.Rests.Count;
                cached = PackedText.Extend(cached, _registries.Rests.Items, known);
                Volatile.Write(ref _restText, cached);
            }

            return cached;
        }
    }

    /// <summary>
    /// Counts every professional matching <paramref name="query"/> and returns the ids of the requested page, ties always
    /// settled by id. Filters are checked per candidate on the packed fields; a required skill drives the scan from its
    /// posting list; each word is resolved once per search into a bitmap of names that contain it (one pass over all
    /// names) and a table of the distinct texts after the name, so a candidate costs a few array reads.
    /// </summary>
    public DirectoryPage Search(DirectoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit);
        foreach (var word in query.Words)
        {
            ArgumentNullException.ThrowIfNull(word?.Text, nameof(query));
        }

        var (state, plan) = Plan(query);
        var pageEnd = (long)query.Offset + query.Limit;
        var collectAll = pageEnd > FullSortPageEnd;
        var order = new DirectoryOrder(query.Sort, state);

        var workers = plan.Impossible ? [] : SearchSnapshot(state, plan, order, collectAll ? -1 : (int)pageEnd);
        var extras = new DirectoryWorker(order, collectAll ? -1 : (int)pageEnd);
        if (!plan.Impossible)
        {
            for (var i = 0; i < state.Extras.Length; i++)
            {
                var extra = state.Extras[i];
                if (plan.Matches(extra))
                {
                    extras.Offer(new DirectoryHit(-i - 1, plan.ByRelevance ? plan.Relevance(extra.Name, _registries.Rests.Items[extra.Rest]) : 0));
                }
            }
        }

        var total = 0;
        var hits = new List<DirectoryHit>();
        foreach (var worker in workers.Append(extras))
        {
            total += worker.Count;
            hits.AddRange(worker.Hits);
        }

        if (query.Offset >= hits.Count)
        {
            return new DirectoryPage(total, []);
        }

        var sorted = hits.ToArray();
        if (collectAll)
        {
            SortByKey(sorted, order, query.Offset, (int)Math.Min(pageEnd, sorted.Length));
        }
        else
        {
            Array.Sort(sorted, order);
        }

        var ids = new List<Guid>(Math.Min(query.Limit, sorted.Length - query.Offset));
        for (var i = query.Offset; i < sorted.Length && i < pageEnd; i++)
        {
            var reference = sorted[i].Ref;
            ids.Add(reference >= 0
                ? GuidOrder.Join(state.Snapshot.IdHi[reference], state.Snapshot.IdLo[reference])
                : state.Extras[-reference - 1].Record.Id);
        }

        return new DirectoryPage(total, ids);
    }

    /// <summary>
    /// Up to <paramref name="limit"/> ids of professionals matching the filters of <paramref name="query"/> (its order,
    /// offset and limit do not apply) whose ids sort after <paramref name="after"/>, in id order: PostgreSQL's uuid order.
    /// Starting from null and continuing after the last id returned visits every match once. The snapshot is kept in id
    /// order, so a page starts at a binary search and reads only as far as its last match: a walk over the whole pool
    /// looks at each candidate about once, whatever the page size.
    /// </summary>
    public IReadOnlyList<Guid> Walk(DirectoryQuery query, Guid? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var (state, plan) = Plan(query);
        var ids = new List<Guid>(Math.Min(limit, 16_384));
        if (plan.Impossible)
        {
            return ids;
        }

        UInt128? from = null;
        if (after is { } start)
        {
            var (hi, lo) = GuidOrder.Split(start);
            from = new UInt128(hi, lo);
        }

        var snapshot = state.Snapshot;
        var ordinal = from is { } first ? FirstAfter(snapshot, first) : 0;
        // Changed and new people are outside the snapshot's order: the few that match are sorted and merged in.
        var extras = state.Extras.Where(e => (from is null || new UInt128(e.Hi, e.Lo) > from) && plan.Matches(e))
            .OrderBy(e => new UInt128(e.Hi, e.Lo)).ToArray();
        var next = 0;
        while (ids.Count < limit)
        {
            while (ordinal < snapshot.Count && (state.Removed.Contains(ordinal) || !plan.Matches(snapshot, ordinal)))
            {
                ordinal++;
            }

            var fromSnapshot = ordinal < snapshot.Count;
            if (next < extras.Length
                && (!fromSnapshot || new UInt128(extras[next].Hi, extras[next].Lo) < new UInt128(snapshot.IdHi[ordinal], snapshot.IdLo[ordinal])))
            {
                ids.Add(extras[next++].Record.Id);
            }
            else if (fromSnapshot)
            {
                ids.Add(GuidOrder.Join(snapshot.IdHi[ordinal], snapshot.IdLo[ordinal]));
                ordinal++;
            }
            else
            {
                break;
            }
        }

        return ids;

        static int FirstAfter(IndexSnapshot snapshot, UInt128 id)
        {
            int left = 0, right = snapshot.Count;
            while (left < right)
            {
                var mid = (int)((uint)(left + right) >> 1);
                if (new UInt128(snapshot.IdHi[mid], snapshot.IdLo[mid]) <= id)
                {
                    left = mid + 1;
                }
                else
                {
                    right = mid;
                }
            }

            return left;
        }
    }

    /// <summary>The current state and the query resolved against it (word bitmaps, overlapping schedule groups, skill codes).</summary>
    private (IndexState State, DirectoryPlan Plan) Plan(DirectoryQuery query)
    {
        // Registries only grow and the state read first references nothing newer than the counts read after it.
        var state = Volatile.Read(ref _state);
        var groupCount = _registries.Groups.Count;
        var overlaps = query.Overlap is { } window
            ? GroupOverlapsFor(new WorkSchedule(window.TimeZoneId, window.Start, window.End, WorkDays.Weekdays), window.From, 4, groupCount)
            : null;
        var changed = query.ChangedAfter is { } after ? ChangedOrdinals(state.Snapshot, after.ToUnixTimeTicks()) : null;
        return (state, new DirectoryPlan(query, state, _registries, overlaps, RestTextFor(_registries.Rests.Count), ParallelSearchThreshold, changed));
    }

    /// <summary>
    /// Orders millions of hits for a deep page: a primitive sort on a 64-bit key that never contradicts the order, then
    /// the full comparison only inside runs of equal keys that overlap the page.
    /// </summary>
    private static void SortByKey(DirectoryHit[] hits, DirectoryOrder order, int pageStart, int pageEnd)
    {
        var keys = new ulong[hits.Length];
        for (var i = 0; i < hits.Length; i++)
        {
            keys[i] = order.Key(hits[i]);
        }

        Array.Sort(keys, hits);
        for (var i = 0; i < pageEnd;)
        {
            var j = i + 1;
            while (j < keys.Length && keys[j] == keys[i])
            {
                j++;
            }

            if (j - i > 1 && j > pageStart)
            {
                Array.Sort(hits, i, j - i, order);
            }

            i = j;
        }
    }

    private DirectoryWorker[] SearchSnapshot(IndexState state, DirectoryPlan plan, DirectoryOrder order, int capacity)
    {
        var snapshot = state.Snapshot;
        var removed = state.Removed.Count == 0 ? null : state.Removed;
        // Changed people (a saved search's news) are few: they drive the scan instead of a posting list or every ordinal.
        var changed = plan.Changed;
        var driver = changed is null ? plan.Driver : null;
        var length = changed?.Length ?? (driver is null ? snapshot.Count : snapshot.Postings(driver.Code).Length);
        var workers = new DirectoryWorker[length >= ParallelSearchThreshold ? Math.Max(2, Environment.ProcessorCount) : 1];

        void Scan(int w)
        {
            var worker = workers[w] = new DirectoryWorker(order, capacity);
            var from = (int)((long)length * w / workers.Length);
            var to = (int)((long)length * (w + 1) / workers.Length);
            var postings = driver is null ? default : snapshot.Postings(driver.Code);
            var levels = driver is null ? default : snapshot.PostingLevelsOf(driver.Code);
            for (var i = from; i < to; i++)
            {
                int ordinal;
                if (driver is null)
                {
                    ordinal = changed is null ? i : changed[i];
                }
                else
                {
                    if (levels[i] < driver.MinLevel)
                    {
                        continue;
                    }

                    ordinal = postings[i];
                }

                if ((removed is null || !removed.Contains(ordinal)) && plan.Matches(snapshot, ordinal))
                {
                    worker.Offer(new DirectoryHit(ordinal, plan.ByRelevance ? plan.Relevance(ordinal, snapshot.Rest[ordinal]) : 0));
                }
            }
        }

        if (workers.Length == 1)
        {
            Scan(0);
        }
        else
        {
            Parallel.For(0, workers.Length, Scan);
        }

        return workers;
    }
}
