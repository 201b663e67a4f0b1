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
        return (state, new DirectoryPlan(query, state, _registries, overlaps, RestTextFor(_registries.Rests.Count), ParallelSearchThreshold));
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
        var driver = plan.Driver;
        var length = driver is null ? snapshot.Count : snapshot.Postings(driver.Code).Length;
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
                    ordinal = i;
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

/// <summary>A match: snapshot ordinal, or −(extra index + 1); relevance is only computed for the relevance order.</summary>
internal readonly record struct DirectoryHit(int Ref, int Relevance);

/// <summary>Best first: the requested order, then ascending id.</summary>
internal sealed class DirectoryOrder(DirectorySort sort, IndexState state) : IComparer<DirectoryHit>
{
    private readonly IndexSnapshot _snapshot = state.Snapshot;
    private readonly ExtraCandidate[] _extras = state.Extras;

    public int Compare(DirectoryHit a, DirectoryHit b)
    {
        var c = sort switch
        {
            DirectorySort.Name => CompareNames(a.Ref, b.Ref),
            DirectorySort.NameDescending => CompareNames(b.Ref, a.Ref),
            DirectorySort.UpdatedAt => Updated(a.Ref).CompareTo(Updated(b.Ref)),
            DirectorySort.UpdatedAtDescending => Updated(b.Ref).CompareTo(Updated(a.Ref)),
            DirectorySort.Rate => Rate(a.Ref).CompareTo(Rate(b.Ref)),
            DirectorySort.RateDescending => Rate(b.Ref).CompareTo(Rate(a.Ref)),
            _ => b.Relevance != a.Relevance ? b.Relevance.CompareTo(a.Relevance) : CompareNames(a.Ref, b.Ref),
        };
        if (c != 0)
        {
            return c;
        }

        var (aHi, aLo) = Id(a.Ref);
        var (bHi, bLo) = Id(b.Ref);
        return aHi != bHi ? aHi.CompareTo(bHi) : aLo.CompareTo(bLo);
    }

    /// <summary>A key whose order never contradicts <see cref="Compare"/>: a smaller key always means an earlier hit.</summary>
    public ulong Key(DirectoryHit hit)
    {
        var reference = hit.Ref;
        var name = reference >= 0 ? _snapshot.NameKey[reference] : _extras[-reference - 1].NameKey;
        return sort switch
        {
            DirectorySort.Name => name,
            DirectorySort.NameDescending => ~name,
            DirectorySort.UpdatedAt => (ulong)Updated(reference) ^ (1UL << 63),
            DirectorySort.UpdatedAtDescending => ~((ulong)Updated(reference) ^ (1UL << 63)),
            DirectorySort.Rate => Ordered((double)Rate(reference)),
            DirectorySort.RateDescending => ~Ordered((double)Rate(reference)),
            _ => ((ulong)(uint)(int.MaxValue - hit.Relevance) << 32) | (name >> 32),
        };

        // The IEEE bits of a double, flipped so that unsigned order is numeric order.
        static ulong Ordered(double value)
        {
            value += 0.0; // −0 and +0 compare equal, so they must share a key
            var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
            return (bits & (1UL << 63)) == 0 ? bits | (1UL << 63) : ~bits;
        }
    }

    private int CompareNames(int a, int b)
    {
        var keyA = a >= 0 ? _snapshot.NameKey[a] : _extras[-a - 1].NameKey;
        var keyB = b >= 0 ? _snapshot.NameKey[b] : _extras[-b - 1].NameKey;
        return keyA != keyB ? keyA.CompareTo(keyB) : Name(a).SequenceCompareTo(Name(b));
    }

    private ReadOnlySpan<byte> Name(int reference) => reference >= 0 ? _snapshot.Name(reference) : _extras[-reference - 1].Name;

    private long Updated(int reference) => reference >= 0 ? _snapshot.UpdatedAt[reference] : _extras[-reference - 1].UpdatedAt;

    private decimal Rate(int reference) => reference >= 0 ? _snapshot.Rate[reference] : _extras[-reference - 1].Record.HourlyRateUsd;

    private (ulong Hi, ulong Lo) Id(int reference) =>
        reference >= 0 ? (_snapshot.IdHi[reference], _snapshot.IdLo[reference]) : (_extras[-reference - 1].Hi, _extras[-reference - 1].Lo);
}

/// <summary>One scan's count and either its best <c>capacity</c> hits (a heap whose root is the worst kept) or all of them.</summary>
internal sealed class DirectoryWorker(DirectoryOrder order, int capacity)
{
    private readonly List<DirectoryHit> _hits = [];

    public int Count { get; private set; }

    public IReadOnlyList<DirectoryHit> Hits => _hits;

    public void Offer(DirectoryHit hit)
    {
        Count++;
        if (capacity < 0 || _hits.Count < capacity)
        {
            _hits.Add(hit);
            if (capacity >= 0)
            {
                SiftUp(_hits.Count - 1);
            }

            return;
        }

        if (capacity == 0 || order.Compare(hit, _hits[0]) >= 0)
        {
            return;
        }

        _hits[0] = hit;
        SiftDown(0);
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (order.Compare(_hits[parent], _hits[i]) >= 0)
            {
                return;
            }

            (_hits[parent], _hits[i]) = (_hits[i], _hits[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        var count = _hits.Count;
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < count && order.Compare(_hits[left], _hits[worst]) > 0)
            {
                worst = left;
            }

            if (right < count && order.Compare(_hits[right], _hits[worst]) > 0)
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            (_hits[worst], _hits[i]) = (_hits[i], _hits[worst]);
            i = worst;
        }
    }
}

/// <summary>A <see cref="DirectoryQuery"/> resolved against one index state: filters as masks and tables, words as bitmaps.</summary>
internal sealed class DirectoryPlan
{
    private readonly int _statusMask;
    private readonly int _citySizeMask;
    private readonly int _rural;
    private readonly byte _minEnglish;
    private readonly int _availableBy;
    private readonly decimal? _maxRate;
    private readonly bool[]? _countries;
    private readonly bool[]? _groups;
    private readonly (ushort Code, byte MinLevel)[] _skills;
    private readonly ulong[]? _phraseHolders;
    private readonly int _phraseCode = -1;

    public DirectoryPlan(DirectoryQuery query, IndexState state, IndexRegistries registries, GroupOverlaps? overlaps, PackedText rests, int parallelThreshold)
    {
        var snapshot = state.Snapshot;
        _statusMask = query.Statuses.Count == 0 ? -1 : query.Statuses.Aggregate(0, (mask, s) => mask | (1 << (int)s));
        _citySizeMask = query.CitySizes.Count == 0 ? -1 : query.CitySizes.Aggregate(0, (mask, s) => mask | (1 << (int)s));
        _rural = query.Rural is { } rural ? (rural ? 1 : 0) : -1;
        _minEnglish = (byte)(query.MinEnglish ?? 0);
        _availableBy = query.AvailableBy is { } by ? OverlapMath.EpochDay(by) : int.MaxValue;
        _maxRate = query.MaxRate;
        ByRelevance = query.Sort == DirectorySort.Relevance && query.Words.Count > 0;

        if (query.Countries.Count > 0)
        {
            _countries = new bool[registries.Countries.Count];
            foreach (var country in query.Countries)
            {
                if (registries.Countries.TryGet(country, out var code) && code < _countries.Length)
                {
                    _countries[code] = true;
                }
            }

            Impossible |= !_countries.Contains(true);
        }

        if (query.Overlap is { } window && overlaps is not null)
        {
            _groups = new bool[overlaps.Minimum.Length];
            for (var g = 0; g < _groups.Length; g++)
            {
                _groups[g] = overlaps.Minimum[g] >= window.MinHours && overlaps.Average[g] > 0;
            }
        }

        var skills = new Dictionary<ushort, byte>();
        foreach (var skill in query.Skills)
        {
            if (!registries.Skills.TryGet(skill.SkillId, out var code))
            {
                Impossible = true;
                continue;
            }

            skills[(ushort)code] = Math.Max(skills.GetValueOrDefault((ushort)code), skill.MinLevel);
        }

        _skills = skills.Select(kv => (kv.Key, kv.Value)).ToArray();
        if (_skills.Length > 0)
        {
            var (code, minLevel) = _skills.MinBy(s => snapshot.Postings(s.Code).Length);
            Driver = new DirectoryDriver(code, minLevel);
        }

        Words = query.Words.Select(w => new DirectoryWordPlan(w, snapshot, registries, rests, parallelThreshold)).ToArray();
        if (Words.Length > 1 && query.PhraseSkillId is { } phrase && registries.Skills.TryGet(phrase, out var phraseCode))
        {
            _phraseCode = phraseCode;
            _phraseHolders = DirectoryWordPlan.Holders(snapshot, phraseCode);
        }
    }

    /// <summary>Nobody can match (an unknown skill or country): the scan is skipped.</summary>
    public bool Impossible { get; }

    /// <summary>Relevance is only computed for the relevance order.</summary>
    public bool ByRelevance { get; }

    /// <summary>The required skill with the shortest posting list; the scan walks it instead of every ordinal.</summary>
    public DirectoryDriver? Driver { get; }

    public DirectoryWordPlan[] Words { get; }

    public bool Matches(IndexSnapshot snapshot, int ordinal)
    {
        ref readonly var hot = ref snapshot.Hot[ordinal];
        if (!Passes(hot.Status, hot.English, hot.CitySize, hot.Rural, hot.Country, hot.Available, hot.Group)
            || (_maxRate is { } maxRate && snapshot.Rate[ordinal] > maxRate))
        {
            return false;
        }

        if (_skills.Length > 0)
        {
            var start = snapshot.SkillStart[ordinal];
            var codes = snapshot.SkillCode.AsSpan(start, snapshot.SkillStart[ordinal + 1] - start);
            var levels = snapshot.SkillLevel.AsSpan(start, codes.Length);
            if (!HoldsAll(codes, levels))
            {
                return false;
            }
        }

        if (Words.Length == 0)
        {
            return true;
        }

        var rest = snapshot.Rest[ordinal];
        foreach (var word in Words)
        {
            if (!word.MatchesName(ordinal) && !word.MatchesRest(rest))
            {
                return _phraseHolders is not null && DirectoryWordPlan.Has(_phraseHolders, ordinal);
            }
        }

        return true;
    }

    public bool Matches(ExtraCandidate extra)
    {
        var record = extra.Record;
        if (!Passes((byte)record.Status, (byte)record.English, (byte)record.CitySize, record.IsRural ? (byte)1 : (byte)0, extra.Country, extra.Available, extra.Group)
            || (_maxRate is { } maxRate && record.HourlyRateUsd > maxRate)
            || !HoldsAll(extra.Codes, extra.Levels))
        {
            return false;
        }

        foreach (var word in Words)
        {
            if (!word.Matches(extra))
            {
                return _phraseCode >= 0 && extra.Codes.AsSpan().Contains((ushort)_phraseCode);
            }
        }

        return true;
    }

    /// <summary>Per word: 4 when a word of the name starts with it, 2 when it is inside the name, 1 when a later word starts with it.</summary>
    public int Relevance(int ordinal, int rest)
    {
        var score = 0;
        foreach (var word in Words)
        {
            score += word.Relevance(ordinal, rest);
        }

        return score;
    }

    /// <summary><see cref="Relevance(int, int)"/> for a changed candidate, from its own text.</summary>
    public int Relevance(ReadOnlySpan<byte> name, string rest)
    {
        var restText = System.Text.Encoding.UTF8.GetBytes(rest);
        var score = 0;
        foreach (var word in Words)
        {
            var at = name.IndexOf(word.Utf8);
            if (at >= 0)
            {
                score += DirectoryWordPlan.StartsAWord(name, word.Utf8, at) ? 4 : 2;
            }
            else if (restText.AsSpan().IndexOf(word.Utf8) is var inRest and >= 0 && DirectoryWordPlan.StartsAWord(restText, word.Utf8, inRest))
            {
                score += 1;
            }
        }

        return score;
    }

    private bool Passes(byte status, byte english, byte citySize, byte rural, ushort country, int available, int group) =>
        (_statusMask & (1 << status)) != 0
        && english >= _minEnglish
        && (_citySizeMask & (1 << citySize)) != 0
        && (_rural < 0 || rural == _rural)
        && (_countries is null || (country < _countries.Length && _countries[country]))
        && available <= _availableBy
        && (_groups is null || (group < _groups.Length && _groups[group]));

    private bool HoldsAll(ReadOnlySpan<ushort> codes, ReadOnlySpan<byte> levels)
    {
        foreach (var (code, minLevel) in _skills)
        {
            var at = codes.IndexOf(code);
            if (at < 0 || levels[at] < minLevel)
            {
                return false;
            }
        }

        return true;
    }
}

internal sealed record DirectoryDriver(ushort Code, byte MinLevel);

/// <summary>One search word resolved against a snapshot: which names contain it, which later texts do, whose skill it names.</summary>
internal sealed class DirectoryWordPlan
{
    private readonly ulong[] _names;
    private readonly ulong[] _nameHits;
    private readonly ulong[] _nameStarts;
    private readonly ulong[] _rests;
    private readonly ulong[] _restStarts;
    private readonly int _restCount;
    private readonly int _skillCode = -1;

    public DirectoryWordPlan(DirectoryWord word, IndexSnapshot snapshot, IndexRegistries registries, PackedText rests, int parallelThreshold)
    {
        Utf8 = System.Text.Encoding.UTF8.GetBytes(word.Text);
        _nameHits = new ulong[(snapshot.Count >> 6) + 1];
        _nameStarts = new ulong[_nameHits.Length];

        // Parts start at multiples of 64 ordinals, so no two parts write the same bitmap word.
        var parts = snapshot.Count >= parallelThreshold ? Math.Max(2, Environment.ProcessorCount) : 1;
        var size = ((snapshot.Count / parts) + 64) & ~63;
        Parallel.For(0, parts, p => Mark(
            snapshot.NameText, snapshot.NameStart, Math.Min(snapshot.Count, p * size), Math.Min(snapshot.Count, (p + 1) * size), Utf8, _nameHits, _nameStarts));
        _names = _nameHits;
        if (word.SkillId is { } skillId && registries.Skills.TryGet(skillId, out var code))
        {
            _skillCode = code;
            _names = Holders(snapshot, code);
            for (var i = 0; i < _names.Length; i++)
            {
                _names[i] |= _nameHits[i];
            }
        }

        _restCount = rests.Count;
        _rests = new ulong[(rests.Count >> 6) + 1];
        _restStarts = new ulong[_rests.Length];
        Mark(rests.Text, rests.Starts, 0, rests.Count, Utf8, _rests, _restStarts);
    }

    /// <summary>4 when a word of the name starts with this word, 2 when the name contains it, 1 when a later word starts with it.</summary>
    public int Relevance(int ordinal, int rest) =>
        Has(_nameStarts, ordinal) ? 4 : Has(_nameHits, ordinal) ? 2 : rest < _restCount && Has(_restStarts, rest) ? 1 : 0;

    public byte[] Utf8 { get; }

    /// <summary>The name contains the word, or the person holds the skill the word names.</summary>
    public bool MatchesName(int ordinal) => Has(_names, ordinal);

    public bool MatchesRest(int rest) => rest < _restCount && Has(_rests, rest);

    public bool Matches(ExtraCandidate extra) =>
        extra.Name.AsSpan().IndexOf(Utf8) >= 0
        || MatchesRest(extra.Rest)
        || (_skillCode >= 0 && extra.Codes.AsSpan().Contains((ushort)_skillCode));

    /// <summary>Whether any occurrence of <paramref name="word"/> from <paramref name="at"/> on begins a word of <paramref name="text"/>.</summary>
    public static bool StartsAWord(ReadOnlySpan<byte> text, ReadOnlySpan<byte> word, int at)
    {
        while (at >= 0)
        {
            if (at == 0 || text[at - 1] == (byte)' ')
            {
                return true;
            }

            var next = text[(at + 1)..].IndexOf(word);
            at = next < 0 ? -1 : at + 1 + next;
        }

        return false;
    }

    public static bool Has(ulong[] bits, int ordinal) => (bits[ordinal >> 6] & (1UL << ordinal)) != 0;

    public static ulong[] Holders(IndexSnapshot snapshot, int code)
    {
        var bits = new ulong[(snapshot.Count >> 6) + 1];
        foreach (var ordinal in snapshot.Postings(code))
        {
            bits[ordinal >> 6] |= 1UL << ordinal;
        }

        return bits;
    }

    /// <summary>
    /// Marks the entries <paramref name="from"/> to <paramref name="to"/> of packed text that contain the word, in one
    /// pass: each occurrence marks its entry and the search resumes at the next entry.
    /// </summary>
    /// <remarks><paramref name="wordStarts"/> marks the entries where an occurrence begins a word (after a space or at the start).</remarks>
    private static void Mark(byte[] text, int[] starts, int from, int to, byte[] word, ulong[] bits, ulong[] wordStarts)
    {
        if (word.Length == 0)
        {
            for (var i = from; i < to; i++)
            {
                bits[i >> 6] |= 1UL << i;
                wordStarts[i >> 6] |= 1UL << i;
            }

            return;
        }

        var position = starts[from];
        var end = starts[to];
        var entry = from;
        while (position < end)
        {
            var found = text.AsSpan(position, end - position).IndexOf(word);
            if (found < 0)
            {
                return;
            }

            found += position;
            entry = EntryAt(starts, entry, to, found);
            bits[entry >> 6] |= 1UL << entry;
            if (StartsAWord(text.AsSpan(starts[entry], starts[entry + 1] - 1 - starts[entry]), word, found - starts[entry]))
            {
                wordStarts[entry >> 6] |= 1UL << entry;
            }

            position = starts[entry + 1];
        }
    }

    /// <summary>
    /// The entry holding <paramref name="position"/>, searched forward from <paramref name="from"/> (positions only grow
    /// during a pass): galloping then binary search, so dense hits cost a step or two and sparse ones a logarithm.
    /// </summary>
    private static int EntryAt(int[] starts, int from, int to, int position)
    {
        var low = from;
        var step = 1;
        while (low + step < to && starts[low + step] <= position)
        {
            low += step;
            step <<= 1;
        }

        var high = Math.Min(low + step, to);
        var at = Array.BinarySearch(starts, low, high - low + 1, position);
        return at >= 0 ? at : ~at - 1;
    }
}

/// <summary>Strings packed as UTF-8, each followed by a zero byte so no match spans two; entry i starts at Starts[i].</summary>
internal sealed class PackedText(byte[] text, int[] starts, int count)
{
    public byte[] Text { get; } = text;

    public int[] Starts { get; } = starts;

    public int Count { get; } = count;

    public static PackedText Extend(PackedText? previous, string[] items, int count)
    {
        var known = previous?.Count ?? 0;
        var length = previous is null ? 0 : previous.Starts[known];
        for (var i = known; i < count; i++)
        {
            length += System.Text.Encoding.UTF8.GetByteCount(items[i]) + 1;
        }

        var text = new byte[length];
        var starts = new int[count + 1];
        if (previous is not null)
        {
            Array.Copy(previous.Text, text, previous.Starts[known]);
            Array.Copy(previous.Starts, starts, known + 1);
        }

        for (var i = known; i < count; i++)
        {
            starts[i + 1] = starts[i] + System.Text.Encoding.UTF8.GetBytes(items[i], text.AsSpan(starts[i])) + 1;
        }

        return new PackedText(text, starts, count);
    }
}
