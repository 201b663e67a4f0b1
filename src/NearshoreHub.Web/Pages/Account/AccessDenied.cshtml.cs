using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NearshoreHub.Web.Pages.Account;

public sealed class AccessDeniedModel : PageModel
{
    // The page explains; the status still tells tools and tests that access was refused.
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
