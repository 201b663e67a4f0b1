using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NearshoreHub.Web.Features.Auth;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Pages.Account;

[SignInLimit]
public sealed class LoginModel(SignInService signIn) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public IActionResult OnGet() =>
        User.IsStaff() ? LocalRedirect(SafeReturnUrl) : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            ModelState.AddModelError("Input.Email", "Enter your email address.");
        }

        if (string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError("Input.Password", "Enter your password.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await signIn.CheckPasswordAsync(Input.Email!, Input.Password!, HttpContext);
        if (user is not null)
        {
            await signIn.SignInCookieAsync(user, HttpContext);
            return LocalRedirect(SafeReturnUrl);
        }

        ModelState.AddModelError("", SignInService.FailureMessage);
        return Page();
    }

    /// <summary>Only a path on this site; anything else (absolute URLs, "//host") goes home.</summary>
    private string SafeReturnUrl => !string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/";
}

public sealed class LoginInput
{
    public string? Email { get; set; }
    public string? Password { get; set; }
}
