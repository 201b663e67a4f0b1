using FluentValidation;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Matching;

namespace NearshoreHub.Web.Features.Funnel;

public sealed record RepresentationQuery
{
    public const int DefaultTop = 20;
    public const int MaxTop = 200;

    /// <summary>How many of the ranking form the "top" stage (1–200, default 20).</summary>
    public int? Top { get; init; }

    public int TopOrDefault => Top ?? DefaultTop;
}

/// <summary>The funnel's cumulative stages, in order: each counts people who reached at least that far.</summary>
public enum FunnelStageKind { Eligible, Top, Shortlisted, Interviewing, Hired }

/// <summary>One stage of the funnel; <see cref="TownOrRural"/> counts each person in a town or rural area once.</summary>
public sealed record FunnelStageDto(
    FunnelStageKind Stage, int Total, IReadOnlyList<ShareDto> ByCountry, IReadOnlyList<ShareDto> ByCitySize, IReadOnlyList<ShareDto> ByRurality, ShareDto TownOrRural);

/// <summary>
/// The one relaxation of the project's hard filters that would raise the town-or-rural share of the top most:
/// <c>minOverlap</c> (one hour less), <c>minEnglish</c> (one level lower) or <c>requiredSkill</c> (<see cref="Skill"/>
/// made optional). <see cref="Share"/> is the share the top would then reach; scores never change.
/// </summary>
public sealed record NudgeDto(Relaxation Relaxation, string? Skill, string From, string To, string Description, double Share);

public sealed record RepresentationFunnelDto(
    Guid ProjectId, DateTimeOffset GeneratedAt, int Top, IReadOnlyList<FunnelStageDto> Stages, NudgeDto? Nudge);

public sealed class RepresentationQueryValidator : AbstractValidator<RepresentationQuery>
{
    public RepresentationQueryValidator() => RuleFor(q => q.Top).InclusiveBetween(1, RepresentationQuery.MaxTop);
}
