using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Pages.Account;

/// <summary>
/// Sign-out is a POST with an anti-forgery token, so a link on another site cannot sign anyone out. It ends the
/// session server-side: a copy of the cookie is refused afterwards too.
/// </summary>
public sealed class LogoutModel(SessionStore sessions, NearshoreDbContext db, AuditLog audit) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (SessionStore.SessionId(User) is { } sessionId)
        {
            await sessions.RevokeAsync(db, sessionId, "sign-out", CancellationToken.None);
            await audit.WriteAsync(HttpContext, "auth.signout", User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value, $"session {sessionId}");
        }

        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return RedirectToPage("/Account/Login");
    }
}
