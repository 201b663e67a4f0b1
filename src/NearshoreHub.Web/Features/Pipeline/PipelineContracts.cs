using FluentValidation;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Pipeline;

/// <summary><see cref="Decision"/> is "interview" or "decline" (<see cref="CandidateDecisionKind"/>), checked by the validator so a wrong value is a 400 naming the field.</summary>
public sealed record DecisionRequest([property: DocumentAs(typeof(CandidateDecisionKind))] string? Decision, string? Reason);

public sealed record DecisionDto(
    Guid ReportId, Guid ProjectId, Guid ProfessionalId, CandidateDecisionKind Decision, string? Reason, ShortlistStatus Status, DateTimeOffset UpdatedAt);

/// <summary>A candidate as the pipeline shows them: never an email or a rate.</summary>
public sealed record PipelineProfessionalDto(Guid Id, string FullName, string Country, string City, string TimeZone, Seniority Seniority);

/// <summary>Who made the latest decision on a shortlist entry: the company or NearshoreHub staff.</summary>
public enum DeciderKind { Company, Staff }

/// <summary>kind "company" (a client's decision) or "staff"; a company reads "NearshoreHub staff", never a staff member's name.</summary>
public sealed record DecidedByDto(DeciderKind Kind, string Name);

public sealed record PipelineInterviewDto(Guid Id, DateTimeOffset Start, DateTimeOffset End, InterviewStatus Status);

public sealed record PipelineItemDto(
    PipelineProfessionalDto Professional, ShortlistStatus Status, DecidedByDto DecidedBy, DateTimeOffset UpdatedAt, IReadOnlyList<PipelineInterviewDto> Interviews);

public sealed record PipelineQuery : PageQuery;

public sealed class DecisionRequestValidator : AbstractValidator<DecisionRequest>
{
    public DecisionRequestValidator()
    {
        RuleFor(r => r.Decision).NotEmpty().MaximumLength(9)
            .Must(d => d is "interview" or "decline").WithMessage("Must be \"interview\" or \"decline\".");
        RuleFor(r => r.Reason).MaximumLength(2000);
    }
}

public sealed class PipelineQueryValidator : AbstractValidator<PipelineQuery>
{
    public PipelineQueryValidator() => this.AddPageRules();
}
