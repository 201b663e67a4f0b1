namespace NearshoreHub.Matching;

/// <summary>Change sets applied as one (kept apart from the ranking code in CandidateIndex.cs).</summary>
public sealed partial class CandidateIndex
{
    /// <summary>
    /// Applies many upserts and removals with one published state, so a ranking sees all of them or none.
    /// <see cref="Upsert"/> copies the change list once per call, which is quadratic for an import of 100 000
    /// rows and folds a new snapshot every <see cref="CompactionThreshold"/> rows; here a large change set is
    /// folded into one new snapshot in a single pass, and a small one costs one copy of the change list.
    /// A later upsert of the same id wins; an id both upserted and removed is removed.
    /// </summary>
    /// <returns>
    /// True when the change set was folded into a new snapshot: the previous snapshot (hundreds of megabytes at
    /// millions of professionals) is garbage once no ranking holds it, and the caller may want it returned.
    /// </returns>
    public bool Apply(IReadOnlyCollection<CandidateRecord> upserts, IReadOnlyCollection<Guid> removals)
    {
        ArgumentNullException.ThrowIfNull(upserts);
        ArgumentNullException.ThrowIfNull(removals);
        if (upserts.Count == 0 && removals.Count == 0)
        {
            return false;
        }

        var gone = removals.Count == 0 ? null : new HashSet<Guid>(removals);

        // Normalising skills and registering groups is the costly part; it needs no lock.
        var fresh = new List<ExtraCandidate>(upserts.Count);
        foreach (var record in upserts)
        {
            ArgumentNullException.ThrowIfNull(record);
            if (gone is null || !gone.Contains(record.Id))
            {
                fresh.Add(new ExtraCandidate(record, _registries));
            }
        }

        lock (_writeLock)
        {
            var state = _state;
            var changed = new HashSet<Guid>(fresh.Count + (gone?.Count ?? 0));
            foreach (var extra in fresh)
            {
                changed.Add(extra.Record.Id);
            }

            if (gone is not null)
            {
                changed.UnionWith(gone);
            }

            var kept = new List<ExtraCandidate>(state.Extras.Length + fresh.Count);
            foreach (var extra in state.Extras)
            {
                if (!changed.Contains(extra.Record.Id))
                {
                    kept.Add(extra);
                }
            }

            // Later entries win for a repeated id, as with repeated Upsert calls.
            var last = new Dictionary<Guid, int>(fresh.Count);
            for (var i = 0; i < fresh.Count; i++)
            {
                last[fresh[i].Record.Id] = i;
            }

            for (var i = 0; i < fresh.Count; i++)
            {
                if (last[fresh[i].Record.Id] == i)
                {
                    kept.Add(fresh[i]);
                }
            }

            var snapshot = state.Snapshot;
            if (kept.Count > CompactionThreshold)
            {
                var dropped = new HashSet<int>();
                foreach (var id in changed)
                {
                    var (hi, lo) = GuidOrder.Split(id);
                    var ordinal = snapshot.Find(hi, lo);
                    if (ordinal >= 0)
                    {
                        dropped.Add(ordinal);
                    }
                }

                var builder = new CandidateIndexBuilder(_registries, Relations, snapshot.Count - state.Removed.Count + kept.Count);
                builder.AddAllFrom(snapshot, o => state.Removed.Contains(o) || dropped.Contains(o));

                foreach (var extra in kept)
                {
                    builder.Add(extra.Record);
                }

                var folded = builder.BuildSnapshot();
                Volatile.Write(ref _state, new IndexState(folded, Tombstones.Empty(folded.Count), [], []));
                return true;
            }

            var removed = state.Removed;
            foreach (var id in changed)
            {
                var (hi, lo) = GuidOrder.Split(id);
                var ordinal = snapshot.Find(hi, lo);
                if (ordinal >= 0)
                {
                    removed = removed.With(ordinal);
                }
            }

            var positions = new Dictionary<Guid, int>(kept.Count);
            for (var i = 0; i < kept.Count; i++)
            {
                positions[kept[i].Record.Id] = i;
            }

            Volatile.Write(ref _state, new IndexState(snapshot, removed, [.. kept], positions));
            return false;
        }
    }
}
