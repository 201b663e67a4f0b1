using System.Globalization;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>The full evaluation of one candidate for one project.</summary>
public sealed record MatchEvaluation(
    Guid CandidateId,
    bool IsEligible,
    IReadOnlyList<string> IneligibleReasons,
    decimal Score,
    ScoreBreakdown Breakdown,
    long RankKey,
    OverlapResult Overlap,
    IReadOnlyList<int> MatchedSkillIds,
    IReadOnlyList<int> MissingSkillIds,
    IReadOnlyList<string> Explanation);
