namespace NearshoreHub.Matching;

/// <summary>
/// The "doesn't have" side of a <see cref="DirectoryQuery"/> that is not a mask on the packed fields (countries and
/// city sizes are folded into the plan's masks): excluded skills, words and phrases, and ids. A person is excluded
/// when any one of them applies; an excluded word applies exactly when it would match as a search word.
/// </summary>
internal sealed class DirectoryExclusions
{
    private readonly (ushort Code, byte MinLevel)[] _skills;
    private readonly DirectoryWordPlan[] _words;
    private readonly ulong[]? _ordinals;
    private readonly HashSet<Guid>? _ids;

    private DirectoryExclusions((ushort Code, byte MinLevel)[] skills, DirectoryWordPlan[] words, ulong[]? ordinals, HashSet<Guid>? ids)
    {
        _skills = skills;
        _words = words;
        _ordinals = ordinals;
        _ids = ids;
    }

    /// <summary>Null when the query excludes nothing beyond masks.</summary>
    public static DirectoryExclusions? Create(DirectoryQuery query, IndexSnapshot snapshot, IndexRegistries registries, Func<DirectoryWord, DirectoryWordPlan> plan)
    {
        if (query.NotSkills.Count == 0 && query.NotWords.Count == 0 && query.ExcludedIds.Count == 0)
        {
            return null;
        }

        // A skill nobody in the index holds excludes nobody; the lowest level asked for a skill is the one that counts.
        var skills = new Dictionary<ushort, byte>();
        foreach (var skill in query.NotSkills)
        {
            if (registries.Skills.TryGet(skill.SkillId, out var code))
            {
                var level = Math.Max((byte)1, skill.MinLevel);
                skills[(ushort)code] = skills.TryGetValue((ushort)code, out var known) ? Math.Min(known, level) : level;
            }
        }

        ulong[]? ordinals = null;
        HashSet<Guid>? ids = null;
        if (query.ExcludedIds.Count > 0)
        {
            ids = [.. query.ExcludedIds];
            ordinals = new ulong[(snapshot.Count >> 6) + 1];
            foreach (var id in ids)
            {
                var (hi, lo) = GuidOrder.Split(id);
                var ordinal = snapshot.Find(hi, lo);
                if (ordinal >= 0)
                {
                    ordinals[ordinal >> 6] |= 1UL << ordinal;
                }
            }
        }

        return new DirectoryExclusions(skills.Select(kv => (kv.Key, kv.Value)).ToArray(), query.NotWords.Select(plan).ToArray(), ordinals, ids);
    }

    public bool Excludes(IndexSnapshot snapshot, int ordinal)
    {
        if (_ordinals is not null && DirectoryWordPlan.Has(_ordinals, ordinal))
        {
            return true;
        }

        if (_skills.Length > 0)
        {
            var start = snapshot.SkillStart[ordinal];
            var codes = snapshot.SkillCode.AsSpan(start, snapshot.SkillStart[ordinal + 1] - start);
            if (HoldsAny(codes, snapshot.SkillLevel.AsSpan(start, codes.Length)))
            {
                return true;
            }
        }

        if (_words.Length > 0)
        {
            var rest = snapshot.Rest[ordinal];
            foreach (var word in _words)
            {
                if (word.MatchesName(ordinal) || word.MatchesRest(rest))
                {
                    return true;
                }
            }
        }

        return false;
    }

    public bool Excludes(ExtraCandidate extra)
    {
        if ((_ids is not null && _ids.Contains(extra.Record.Id)) || HoldsAny(extra.Codes, extra.Levels))
        {
            return true;
        }

        foreach (var word in _words)
        {
            if (word.Matches(extra))
            {
                return true;
            }
        }

        return false;
    }

    private bool HoldsAny(ReadOnlySpan<ushort> codes, ReadOnlySpan<byte> levels)
    {
        foreach (var (code, minLevel) in _skills)
        {
            var at = codes.IndexOf(code);
            if (at >= 0 && levels[at] >= minLevel)
            {
                return true;
            }
        }

        return false;
    }
}
