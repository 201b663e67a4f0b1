using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using NodaTime;

namespace NearshoreHub.Matching;

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
}
