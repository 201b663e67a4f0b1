using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>What readers see: an immutable snapshot plus the changes since it; swapped atomically by writers.</summary>
internal sealed record IndexState(IndexSnapshot Snapshot, Tombstones Removed, ExtraCandidate[] Extras, Dictionary<Guid, int> ExtraPositions);
