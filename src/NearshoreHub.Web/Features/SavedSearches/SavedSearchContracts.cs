using FluentValidation;
using NearshoreHub.Web.Data.Configurations;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Features.SavedSearches;

/// <summary><see cref="Query"/> is the search's URL query string without '?', as <c>GET /api/v1/professionals</c> takes it.</summary>
public sealed record SavedSearchRequest(string? Name, string? Query);

public sealed record SavedSearchDto(Guid Id, string Name, string Query, DateTimeOffset SeenAt, DateTimeOffset CreatedAt, int NewCount);

/// <summary>The professionals new to a saved search, as of <see cref="AsOf"/>: post that instant to <c>…/seen</c> to mark them seen.</summary>
public sealed record NewMatchesDto(IReadOnlyList<ProfessionalDto> Items, int Total, DateTimeOffset AsOf);

public sealed record SeenRequest(DateTimeOffset? AsOf);

public sealed record SavedSearchListQuery : PageQuery;

public sealed class SavedSearchRequestValidator : AbstractValidator<SavedSearchRequest>
{
    public SavedSearchRequestValidator()
    {
        RuleFor(r => r.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the search.")
            .MaximumLength(SavedSearchConfiguration.MaxNameLength)
            .Must(n => n is null || !n.Any(char.IsControl)).WithMessage("Must not contain control characters.");
        RuleFor(r => r.Query).NotNull().WithMessage("Give the search's query string (it may be empty).")
            .MaximumLength(SavedSearchConfiguration.MaxQueryLength);
    }
}

public sealed class SavedSearchListQueryValidator : AbstractValidator<SavedSearchListQuery>
{
    public SavedSearchListQueryValidator() => this.AddPageRules();
}

public sealed class SeenRequestValidator : AbstractValidator<SeenRequest>
{
    public SeenRequestValidator() => RuleFor(r => r.AsOf).NotNull().WithMessage("Give the asOf instant of the new matches you saw.");
}
