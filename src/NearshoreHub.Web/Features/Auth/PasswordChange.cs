using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Auth;

/// <summary>A user changes their own password (API and page alike): this session stays, every other one ends.</summary>
public sealed class PasswordChange(
    UserManager<AppUser> users, SignInManager<AppUser> signIn, SessionStore sessions, NearshoreDbContext db, AuditLog audit)
{
    /// <summary>Null when changed; otherwise field errors keyed "currentPassword" or "newPassword".</summary>
    public async Task<IDictionary<string, string[]>?> ChangeAsync(HttpContext http, string currentPassword, string newPassword)
    {
        var user = await users.GetUserAsync(http.User) ?? throw new InvalidOperationException("A signed-in user is required.");
        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            await audit.WriteAsync(http, "auth.password-change.rejected", user.Id.ToString(), "wrong current password");
            return new Dictionary<string, string[]> { ["currentPassword"] = ["The current password is wrong."] };
        }

        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return new Dictionary<string, string[]> { ["newPassword"] = changed.Errors.Select(e => e.Description).ToArray() };
        }

        var keep = SessionStore.SessionId(http.User);
        var ended = await sessions.RevokeAllAsync(db, user.Id, "password-change", keep, CancellationToken.None);
        await audit.WriteAsync(http, "auth.password-change", user.Id.ToString(), $"{ended} other sessions ended");

        // The cookie carries the old security stamp, which Identity would refuse at its next check: re-issue it for the
        // same session. Bearer tokens are not checked against the stamp; their session is what counts.
        if (keep is { } sessionId && http.Request.Cookies.ContainsKey(AuthSetup.CookieName)
            && !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var principal = await signIn.CreateUserPrincipalAsync(user);
            var session = await db.UserSessions.FindAsync(sessionId);
            if (session is not null)
            {
                await http.SignInAsync(IdentityConstants.ApplicationScheme, SessionStore.Stamp(principal, session));
            }
        }

        return null;
    }
}
