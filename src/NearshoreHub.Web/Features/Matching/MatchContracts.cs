using System.Text.Json.Serialization;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Projects;

namespace NearshoreHub.Web.Features.Matching;

public sealed record MatchProfessionalDto(Guid Id, string FullName, string Country, string City, CitySize CitySize, bool IsRural, string TimeZone, Seniority Seniority);

public sealed record BreakdownDto(decimal Skills, decimal Overlap, decimal Rate, decimal English, decimal Availability);

/// <summary>A day off that removed work (product spec §9): country null for a closure; side client|professional; kind holiday|closure.</summary>
public sealed record HolidayHitDto(DateOnly Date, string? Country, string Name, HolidaySide Side, HolidayKind Kind);

/// <summary>
/// The holiday fields are absent (not null) in reports frozen before they existed, so such a report reads back exactly
/// as it was frozen.
/// </summary>
public sealed record OverlapSummaryDto(
    double AverageHours,
    double MinimumHours,
    double MaximumHours,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? EffectiveAverageHours = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? ClientWorkingDays = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? SharedDays = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<HolidayHitDto>? Holidays = null);

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
    DateOnly StartDate, int DurationWeeks, int Limit, int Offset,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? HolidayCalendars = null);

public sealed record MatchesResponse(
    Guid ProjectId,
    string AlgorithmVersion,
    DateTimeOffset GeneratedAt,
    WeightsDto Weights,
    MatchParametersDto Parameters,
    int EligibleCount,
    RepresentationPairDto Representation,
    IReadOnlyList<MatchItemDto> Items,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TzdbVersion = null);

public sealed record MatchesQuery
{
    public int? Limit { get; init; }
    public int? Offset { get; init; }
}
