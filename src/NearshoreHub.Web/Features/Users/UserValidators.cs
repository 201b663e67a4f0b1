using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Users;

public sealed class UserRequestValidator : AbstractValidator<UserRequest>
{
    public UserRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).Must(EmailRules.IsValid).WithMessage("Must be a valid email address.");
        RuleFor(r => r.Password).NotEmpty().MinimumLength(PasswordPolicy.MinimumLength).MaximumLength(200)
            .Must(p => p is null || !PasswordPolicy.IsCommon(p)).WithMessage(PasswordPolicy.CommonMessage);
        RuleFor(r => r.DisplayName).MaximumLength(200).MustBeVisibleText();
        RuleFor(r => r.Role).NotEmpty().MaximumLength(20).Must(r => Roles.All.Contains(r, StringComparer.OrdinalIgnoreCase)).WithMessage("Must be Admin or Recruiter.");
    }
}

public sealed class UserListQueryValidator : AbstractValidator<UserListQuery>
{
    public UserListQueryValidator() => this.AddPageRules();
}
