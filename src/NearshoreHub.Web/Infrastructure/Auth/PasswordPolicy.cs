using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Infrastructure.Auth;

/// <summary>
/// Passwords have at least <see cref="MinimumLength"/> characters and are not on the common-password list shipped in
/// <c>Data/Reference/common-passwords.txt</c> (see ATTRIBUTION.md there), compared case-blind, and also after
/// trailing digits and punctuation are cut off ("Password12!" is "password").
/// </summary>
public static class PasswordPolicy
{
    public const int MinimumLength = 12;
    public const string CommonMessage = "This password is on a list of common or breached passwords. Choose another.";

    private static readonly Lazy<FrozenSet<string>> Common = new(Load);

    public static bool IsCommon(string password)
    {
        var lower = password.Trim().ToLowerInvariant();
        if (Common.Value.Contains(lower))
        {
            return true;
        }

        var stem = lower.TrimEnd("0123456789!@#$%^&*()-_=+.,;:?~ ".ToCharArray());
        return stem.Length > 0 && stem.Length < lower.Length && Common.Value.Contains(stem);
    }

    private static FrozenSet<string> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Data", "Reference", "common-passwords.txt");
        return File.ReadLines(path).Where(l => l.Length > 0).ToFrozenSet(StringComparer.Ordinal);
    }
}

/// <summary>Identity's password validator for <see cref="PasswordPolicy"/>: every way a password is set goes through it.</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<AppUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password) =>
        Task.FromResult(password is not null && PasswordPolicy.IsCommon(password)
            ? IdentityResult.Failed(new IdentityError { Code = "CommonPassword", Description = PasswordPolicy.CommonMessage })
            : IdentityResult.Success);
}
