using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Pages.Account;

/// <summary>Sign-out is a POST with an anti-forgery token, so a link on another site cannot sign anyone out.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public IActionResult OnGet() => Page();

    public async Task<IActionResult> OnPostAsync()
    {
        signIn.AuthenticationScheme = IdentityConstants.ApplicationScheme;
        await signIn.SignOutAsync();
        return RedirectToPage("/Account/Login");
    }
}
