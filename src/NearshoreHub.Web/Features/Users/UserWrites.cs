using Microsoft.AspNetCore.Identity;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Features.Users;

/// <summary>Creating staff users, shared by the admin API and the admin pages.</summary>
internal static class UserWrites
{
    /// <summary>
    /// Expects a request that passed <see cref="UserRequestValidator"/>. Throws <see cref="DuplicateException"/> when the
    /// email is taken; answers Identity's password complaints as field errors keyed "password".
    /// </summary>
    public static async Task<(UserDto? User, IDictionary<string, string[]>? Errors)> CreateAsync(
        UserRequest request, UserManager<AppUser> users, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        if (await users.FindByEmailAsync(request.Email!) is not null)
        {
            throw new DuplicateException("A user with this email already exists.");
        }

        var role = Roles.All.Single(r => string.Equals(r, request.Role, StringComparison.OrdinalIgnoreCase));
        var user = new AppUser { UserName = request.Email, Email = request.Email, EmailConfirmed = true, DisplayName = request.DisplayName?.Trim() ?? "", CreatedAt = clock.GetUtcNow() };
        var created = await users.CreateAsync(user, request.Password!);
        if (!created.Succeeded)
        {
            return (null, new Dictionary<string, string[]> { ["password"] = created.Errors.Select(e => e.Description).ToArray() });
        }

        await users.AddToRoleAsync(user, role);
        await audit.WriteAsync(http, "user.create", user.Id.ToString(), $"role {role}");
        return (new UserDto(user.Id, user.Email!, user.DisplayName, [role], user.CreatedAt, false), null);
    }
}
