namespace NearshoreHub.Matching;

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
    private readonly long? _changedAfter;
    private readonly DirectoryExclusions? _exclusions;

    /// <summary>Below this many changed people, words are looked for in each one's text instead of marked in one pass over all.</summary>
    public const int DirectWordThreshold = 200_000;

    public DirectoryPlan(DirectoryQuery query, IndexState state, IndexRegistries registries, GroupOverlaps? overlaps, PackedText rests, int parallelThreshold, int[]? changed = null)
    {
        Changed = changed;
        _changedAfter = query.ChangedAfter?.ToUnixTimeTicks();
        var direct = changed is not null && changed.Length + state.Extras.Length < DirectWordThreshold;
        var snapshot = state.Snapshot;
        _statusMask = query.Statuses.Count == 0 ? -1 : query.Statuses.Aggregate(0, (mask, s) => mask | (1 << (int)s));
        _citySizeMask = query.CitySizes.Count == 0 ? -1 : query.CitySizes.Aggregate(0, (mask, s) => mask | (1 << (int)s));
        _citySizeMask = query.NotCitySizes.Aggregate(_citySizeMask, (mask, s) => mask & ~(1 << (int)s));
        _rural = query.Rural is { } rural ? (rural ? 1 : 0) : -1;
        _minEnglish = (byte)(query.MinEnglish ?? 0);
        _availableBy = query.AvailableBy is { } by ? OverlapMath.EpochDay(by) : int.MaxValue;
        _maxRate = query.MaxRate;
        ByRelevance = query.Sort == SearchSort.Relevance && query.Words.Count > 0;

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

        if (query.NotCountries.Count > 0)
        {
            _countries ??= Enumerable.Repeat(true, registries.Countries.Count).ToArray();
            foreach (var country in query.NotCountries)
            {
                if (registries.Countries.TryGet(country, out var code) && code < _countries.Length)
                {
                    _countries[code] = false;
                }
            }
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

        Words = query.Words.Select(w => new DirectoryWordPlan(w, snapshot, registries, rests, parallelThreshold, direct)).ToArray();
        if (Words.Length > 1 && query.PhraseSkillId is { } phrase && registries.Skills.TryGet(phrase, out var phraseCode))
        {
            _phraseCode = phraseCode;
            _phraseHolders = DirectoryWordPlan.Holders(snapshot, phraseCode);
        }

        // Excluded words are only looked for in people who passed everything else: when those are few (a required
        // skill's short posting list, a rare search word), each one's own text is read instead of scanning the pool.
        var excludeDirect = direct || (query.NotWords.Count > 0 && FewReachExclusions(snapshot, snapshot.Count / DirectExclusionShare));
        _exclusions = DirectoryExclusions.Create(query, snapshot, registries, w => new DirectoryWordPlan(w, snapshot, registries, rests, parallelThreshold, excludeDirect));
    }

    /// <summary>Excluded words are read per person when at most 1/16 of the pool can reach the check.</summary>
    private const int DirectExclusionShare = 16;

    /// <summary>Snapshot ordinals changed after <see cref="DirectoryQuery.ChangedAfter"/> (not yet tombstone-filtered), or null.</summary>
    public int[]? Changed { get; }

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

        if (_changedAfter is { } after && snapshot.UpdatedAt[ordinal] <= after)
        {
            return false;
        }

        return MatchesWords(snapshot, ordinal) && (_exclusions is null || !_exclusions.Excludes(snapshot, ordinal));
    }

    private bool MatchesWords(IndexSnapshot snapshot, int ordinal)
    {
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

    /// <summary>Whether fewer than <paramref name="limit"/> snapshot people can reach the exclusion check: those on the
    /// driving skill's posting list, or matching every search word — estimated from every 32nd person (a choice of
    /// method only: both give the same answer), so that deciding costs far less than the scan it may save.</summary>
    private bool FewReachExclusions(IndexSnapshot snapshot, long limit)
    {
        const int Stride = 32;
        if (Driver is { } driver && snapshot.Postings(driver.Code).Length < limit)
        {
            return true;
        }

        if (Words.Length == 0)
        {
            return false;
        }

        long sampled = 0;
        for (var ordinal = 0; ordinal < snapshot.Count; ordinal += Stride)
        {
            if (MatchesWords(snapshot, ordinal))
            {
                sampled++;
            }
        }

        return sampled * Stride < limit;
    }

    public bool Matches(ExtraCandidate extra)
    {
        var record = extra.Record;
        if (!Passes((byte)record.Status, (byte)record.English, (byte)record.CitySize, record.IsRural ? (byte)1 : (byte)0, extra.Country, extra.Available, extra.Group)
            || (_maxRate is { } maxRate && record.HourlyRateUsd > maxRate)
            || !HoldsAll(extra.Codes, extra.Levels)
            || (_changedAfter is { } after && extra.UpdatedAt <= after)
            || (_exclusions is not null && _exclusions.Excludes(extra)))
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
