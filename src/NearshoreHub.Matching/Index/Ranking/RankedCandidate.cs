using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics;
using NodaTime;

namespace NearshoreHub.Matching;

public sealed record RankedCandidate(
    int Rank,
    Guid CandidateId,
    decimal Score,
    ScoreBreakdown Breakdown,
    double AverageOverlapHours,
    double MinimumOverlapHours,
    double MaximumOverlapHours,
    IReadOnlyList<int> MatchedSkillIds,
    IReadOnlyList<int> MissingSkillIds,
    IReadOnlyList<string> Explanation,
    CandidateRecord Candidate,
    MatchEvaluation Evaluation);
