namespace NearshoreHub.Matching;

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
    private readonly IndexSnapshot _snapshot;
    private readonly PackedText _restText;
    private readonly bool _direct;

    /// <param name="direct">Look for the word in each candidate's own text when asked (a few candidates) instead of
    /// marking every name and text in one pass (a scan of the whole pool).</param>
    public DirectoryWordPlan(DirectoryWord word, IndexSnapshot snapshot, IndexRegistries registries, PackedText rests, int parallelThreshold, bool direct = false)
    {
        Utf8 = System.Text.Encoding.UTF8.GetBytes(word.Text);
        _snapshot = snapshot;
        _restText = rests;
        _restCount = rests.Count;
        _direct = direct;
        if (word.SkillId is { } id && registries.Skills.TryGet(id, out var skillCode))
        {
            _skillCode = skillCode;
        }

        if (direct)
        {
            _names = _nameHits = _nameStarts = _rests = _restStarts = [];
            return;
        }

        _nameHits = new ulong[(snapshot.Count >> 6) + 1];
        _nameStarts = new ulong[_nameHits.Length];

        // Parts start at multiples of 64 ordinals, so no two parts write the same bitmap word.
        var parts = snapshot.Count >= parallelThreshold ? Math.Max(2, Environment.ProcessorCount) : 1;
        var size = ((snapshot.Count / parts) + 64) & ~63;
        Parallel.For(0, parts, p => Mark(
            snapshot.NameText, snapshot.NameStart, Math.Min(snapshot.Count, p * size), Math.Min(snapshot.Count, (p + 1) * size), Utf8, _nameHits, _nameStarts));
        _names = _nameHits;
        if (_skillCode >= 0)
        {
            _names = Holders(snapshot, _skillCode);
            for (var i = 0; i < _names.Length; i++)
            {
                _names[i] |= _nameHits[i];
            }
        }

        _rests = new ulong[(rests.Count >> 6) + 1];
        _restStarts = new ulong[_rests.Length];
        Mark(rests.Text, rests.Starts, 0, rests.Count, Utf8, _rests, _restStarts);
    }

    /// <summary>4 when a word of the name starts with this word, 2 when the name contains it, 1 when a later word starts with it.</summary>
    public int Relevance(int ordinal, int rest)
    {
        if (!_direct)
        {
            return Has(_nameStarts, ordinal) ? 4 : Has(_nameHits, ordinal) ? 2 : rest < _restCount && Has(_restStarts, rest) ? 1 : 0;
        }

        var name = _snapshot.Name(ordinal);
        var at = name.IndexOf(Utf8);
        if (at >= 0)
        {
            return StartsAWord(name, Utf8, at) ? 4 : 2;
        }

        var text = RestText(rest);
        var inRest = text.IndexOf(Utf8);
        return inRest >= 0 && StartsAWord(text, Utf8, inRest) ? 1 : 0;
    }

    private ReadOnlySpan<byte> RestText(int rest) =>
        rest < _restCount ? _restText.Text.AsSpan(_restText.Starts[rest], _restText.Starts[rest + 1] - _restText.Starts[rest] - 1) : [];

    private bool HoldsSkill(int ordinal)
    {
        var start = _snapshot.SkillStart[ordinal];
        return _snapshot.SkillCode.AsSpan(start, _snapshot.SkillStart[ordinal + 1] - start).Contains((ushort)_skillCode);
    }

    public byte[] Utf8 { get; }

    /// <summary>The name contains the word, or the person holds the skill the word names.</summary>
    public bool MatchesName(int ordinal) =>
        _direct ? _snapshot.Name(ordinal).IndexOf(Utf8) >= 0 || (_skillCode >= 0 && HoldsSkill(ordinal)) : Has(_names, ordinal);

    public bool MatchesRest(int rest) => _direct ? RestText(rest).IndexOf(Utf8) >= 0 : rest < _restCount && Has(_rests, rest);

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
