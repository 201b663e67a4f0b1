using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary><see cref="Top"/> describes the first offset+limit candidates, <see cref="Pool"/> every eligible one.</summary>
public sealed record RankingResult(
    int EligibleCount,
    IReadOnlyList<RankedCandidate> Items,
    Representation Pool,
    Representation Top,
    ScoreWeights Weights);
