using Microsoft.AspNetCore.Identity;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Auth;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Users;

public enum UserAccessResult { Done, NotFound, Self }

/// <summary>Admins disable and enable staff users (API and pages alike). Disabling ends every session of the user.</summary>
public sealed class UserAccess(UserManager<AppUser> users, SessionStore sessions, NearshoreDbContext db, AuditLog audit)
{
    public async Task<UserAccessResult> DisableAsync(Guid id, HttpContext http)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return UserAccessResult.NotFound;
        }

        // An admin who disables themselves may leave nobody able to enable anyone.
        if (users.GetUserId(http.User) == id.ToString())
        {
            return UserAccessResult.Self;
        }

        // A lockout that never ends is how Identity itself refuses an account; sign-in treats it like any failure.
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        var ended = await sessions.RevokeAllAsync(db, user.Id, "disabled", keep: null, CancellationToken.None);
        await audit.WriteAsync(http, "user.disable", user.Id.ToString(), $"{ended} sessions ended");
        return UserAccessResult.Done;
    }

    public async Task<UserAccessResult> EnableAsync(Guid id, HttpContext http)
    {
        var user = await users.FindByIdAsync(id.ToString());
        if (user is null)
        {
            return UserAccessResult.NotFound;
        }

        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        sessions.ForgetUser(user.Id);
        await audit.WriteAsync(http, "user.enable", user.Id.ToString());
        return UserAccessResult.Done;
    }

    public static bool IsDisabled(AppUser user) => SignInService.IsDisabled(user);
}
