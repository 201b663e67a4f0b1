using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Reports;

public sealed class CreateMatchReportRequestValidator : AbstractValidator<CreateMatchReportRequest>
{
    public CreateMatchReportRequestValidator() => RuleFor(r => r.Limit).InclusiveBetween(1, 200);
}

public sealed class ReviewRequestValidator : AbstractValidator<ReviewRequest>
{
    public ReviewRequestValidator()
    {
        RuleFor(r => r.Decision).NotEmpty().MaximumLength(8)
            .Must(d => string.Equals(d, "approved", StringComparison.OrdinalIgnoreCase) || string.Equals(d, "rejected", StringComparison.OrdinalIgnoreCase))
            .WithMessage("Must be \"approved\" or \"rejected\".");
        RuleFor(r => r.Notes).MaximumLength(2000);
    }
}

public sealed class MatchReportListQueryValidator : AbstractValidator<MatchReportListQuery>
{
    public MatchReportListQueryValidator()
    {
        this.AddPageRules();
        RuleFor(q => q.Status).Must((q, status) => status is null || q.ParsedStatus is not null)
            .WithMessage("Must be pendingReview, approved or rejected.");
    }
}
