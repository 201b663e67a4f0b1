using NearshoreHub.Web.Features.Projects;

namespace NearshoreHub.Web.Features.Matching;

public sealed record MatchProfessionalDto(Guid Id, string FullName, string Country, string City, string CitySize, bool IsRural, string TimeZone, string Seniority);

public sealed record BreakdownDto(decimal Skills, decimal Overlap, decimal Rate, decimal English, decimal Availability);

public sealed record OverlapSummaryDto(double AverageHours, double MinimumHours, double MaximumHours);

public sealed record MatchItemDto(
    int Rank,
    MatchProfessionalDto Professional,
    decimal Score,
    BreakdownDto Breakdown,
    OverlapSummaryDto Overlap,
    IReadOnlyList<string> MatchedSkills,
    IReadOnlyList<string> MissingSkills,
    IReadOnlyList<string> Explanation);

public sealed record ShareDto(string Key, int Count, double Share);

public sealed record RepresentationDto(int Total, IReadOnlyList<ShareDto> ByCountry, IReadOnlyList<ShareDto> ByCitySize, IReadOnlyList<ShareDto> ByRurality);

public sealed record RepresentationPairDto(RepresentationDto Pool, RepresentationDto Top);

public sealed record MatchParametersDto(
    string TimeZone, string CoreStart, string CoreEnd, IReadOnlyList<string> WorkingDays, double MinOverlapHours,
    DateOnly StartDate, int DurationWeeks, int Limit, int Offset);

public sealed record MatchesResponse(
    Guid ProjectId,
    string AlgorithmVersion,
    DateTimeOffset GeneratedAt,
    WeightsDto Weights,
    MatchParametersDto Parameters,
    int EligibleCount,
    RepresentationPairDto Representation,
    IReadOnlyList<MatchItemDto> Items);

public sealed record MatchesQuery
{
    public int? Limit { get; init; }
    public int? Offset { get; init; }
}
