using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NearshoreHub.Web.Features.Auth;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Pages.Account;

/// <summary>Changes the signed-in user's password: this browser stays signed in, every other session ends.</summary>
public sealed class PasswordModel(PasswordChange change) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public bool Changed { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrEmpty(Input.CurrentPassword))
        {
            ModelState.AddModelError("Input.CurrentPassword", "Enter your current password.");
        }

        if (string.IsNullOrEmpty(Input.NewPassword) || Input.NewPassword.Length < PasswordPolicy.MinimumLength)
        {
            ModelState.AddModelError("Input.NewPassword", $"Use at least {PasswordPolicy.MinimumLength} characters.");
        }
        else if (Input.NewPassword.Length > 200)
        {
            ModelState.AddModelError("Input.NewPassword", "Use at most 200 characters.");
        }
        else if (Input.NewPassword != Input.ConfirmPassword)
        {
            ModelState.AddModelError("Input.ConfirmPassword", "The two new passwords differ.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var errors = await change.ChangeAsync(HttpContext, Input.CurrentPassword!, Input.NewPassword!);
        foreach (var (field, messages) in errors ?? new Dictionary<string, string[]>())
        {
            var key = field == "currentPassword" ? "Input.CurrentPassword" : "Input.NewPassword";
            foreach (var message in messages)
            {
                ModelState.AddModelError(key, message);
            }
        }

        Changed = errors is null;
        Input = new PasswordInput();
        return Page();
    }
}

public sealed class PasswordInput
{
    public string? CurrentPassword { get; set; }
    public string? NewPassword { get; set; }
    public string? ConfirmPassword { get; set; }
}
