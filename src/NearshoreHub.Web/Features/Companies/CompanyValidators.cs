using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Companies;

public sealed class CompanyRequestValidator : AbstractValidator<CompanyRequest>
{
    public CompanyRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).MustBeVisibleText();
        RuleFor(r => r.TimeZone).NotEmpty().MaximumLength(Reference.MaxTimeZoneLength).Must(Reference.IsTimeZone).WithMessage("Must be an IANA time zone id, such as America/New_York.");
    }
}

public sealed class ApiKeyRequestValidator : AbstractValidator<ApiKeyRequest>
{
    public ApiKeyRequestValidator() =>
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100).MustBeVisibleText();
}

public sealed class CompanyListQueryValidator : AbstractValidator<CompanyListQuery>
{
    public CompanyListQueryValidator()
    {
        this.AddPageRules();
        RuleFor(q => q.Q).MaximumLength(PageQuery.MaxQueryText);
    }
}
