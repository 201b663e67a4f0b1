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
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).Must(n => n is null || !n.Any(char.IsControl)).WithMessage("Must not contain control characters.");
        RuleFor(r => r.TimeZone).NotEmpty().Must(Reference.IsTimeZone).WithMessage("Must be an IANA time zone id, such as America/New_York.");
    }
}

public sealed class ApiKeyRequestValidator : AbstractValidator<ApiKeyRequest>
{
    public ApiKeyRequestValidator() =>
        RuleFor(r => r.Name).NotEmpty().MaximumLength(100).Must(n => n is null || !n.Any(char.IsControl)).WithMessage("Must not contain control characters.");
}

public sealed class CompanyListQueryValidator : AbstractValidator<CompanyListQuery>
{
    public CompanyListQueryValidator() => this.AddPageRules();
}
