using FluentValidation;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Auth;

public sealed record LoginRequest(string? Email, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record LogoutRequest(string? RefreshToken);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    public LoginRequestValidator()
    {
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254);
        RuleFor(r => r.Password).NotEmpty().MaximumLength(200);
    }
}

public sealed class RefreshRequestValidator : AbstractValidator<RefreshRequest>
{
    public RefreshRequestValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(4000);
}

public sealed class LogoutRequestValidator : AbstractValidator<LogoutRequest>
{
    public LogoutRequestValidator() => RuleFor(r => r.RefreshToken).NotEmpty().MaximumLength(4000);
}

public sealed class PasswordChangeRequestValidator : AbstractValidator<PasswordChangeRequest>
{
    public PasswordChangeRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().MaximumLength(200);
        RuleFor(r => r.NewPassword).NotEmpty().MinimumLength(PasswordPolicy.MinimumLength).MaximumLength(200)
            .Must(p => p is null || !PasswordPolicy.IsCommon(p)).WithMessage(PasswordPolicy.CommonMessage);
    }
}
