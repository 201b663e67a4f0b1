namespace NearshoreHub.Matching;

/// <summary>Best first: the requested order, then ascending id.</summary>
internal sealed class DirectoryOrder(SearchSort sort, IndexState state) : IComparer<DirectoryHit>
{
    private readonly IndexSnapshot _snapshot = state.Snapshot;
    private readonly ExtraCandidate[] _extras = state.Extras;

    public int Compare(DirectoryHit a, DirectoryHit b)
    {
        var c = sort switch
        {
            SearchSort.Name => CompareNames(a.Ref, b.Ref),
            SearchSort.NameDescending => CompareNames(b.Ref, a.Ref),
            SearchSort.UpdatedAt => Updated(a.Ref).CompareTo(Updated(b.Ref)),
            SearchSort.UpdatedAtDescending => Updated(b.Ref).CompareTo(Updated(a.Ref)),
            SearchSort.Rate => Rate(a.Ref).CompareTo(Rate(b.Ref)),
            SearchSort.RateDescending => Rate(b.Ref).CompareTo(Rate(a.Ref)),
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
            SearchSort.Name => name,
            SearchSort.NameDescending => ~name,
            SearchSort.UpdatedAt => (ulong)Updated(reference) ^ (1UL << 63),
            SearchSort.UpdatedAtDescending => ~((ulong)Updated(reference) ^ (1UL << 63)),
            SearchSort.Rate => Ordered((double)Rate(reference)),
            SearchSort.RateDescending => ~Ordered((double)Rate(reference)),
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
