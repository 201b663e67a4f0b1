namespace NearshoreHub.Matching;

/// <summary>Who changed after an instant: what a saved search's "new since last visit" reads (product spec §13).</summary>
public sealed partial class CandidateIndex
{
    /// <summary>Change lists longer than this are not kept: only a handful of recent changes is worth remembering.</summary>
    private const int ChangedCacheLimit = 1_000_000;

    private ChangedOrdinalsCache? _changed;

    /// <summary>
    /// Snapshot ordinals whose last change is after <paramref name="afterTicks"/> (Unix ticks), ascending. One pass over
    /// the packed change times (a few milliseconds at 2.2 M); the list for the earliest instant asked about on this
    /// snapshot is kept, so the saved searches of a page (each with its own seenAt) pay for one pass and then filter
    /// a few thousand ordinals each. Tombstones are left to the scan.
    /// </summary>
    internal int[] ChangedOrdinals(IndexSnapshot snapshot, long afterTicks)
    {
        var cached = Volatile.Read(ref _changed);
        if (cached is not null && ReferenceEquals(cached.Snapshot, snapshot) && cached.AfterTicks <= afterTicks)
        {
            if (cached.AfterTicks == afterTicks)
            {
                return cached.Ordinals;
            }

            var updated = snapshot.UpdatedAt;
            return Array.FindAll(cached.Ordinals, o => updated[o] > afterTicks);
        }

        var times = snapshot.UpdatedAt;
        var found = new List<int>();
        for (var o = 0; o < snapshot.Count; o++)
        {
            if (times[o] > afterTicks)
            {
                found.Add(o);
            }
        }

        var ordinals = found.ToArray();
        if (ordinals.Length <= ChangedCacheLimit)
        {
            Volatile.Write(ref _changed, new ChangedOrdinalsCache(snapshot, afterTicks, ordinals));
        }

        return ordinals;
    }

    private sealed record ChangedOrdinalsCache(IndexSnapshot Snapshot, long AfterTicks, int[] Ordinals);
}
