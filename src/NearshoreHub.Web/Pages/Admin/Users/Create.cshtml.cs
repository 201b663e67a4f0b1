using FluentValidation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Users;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Admin.Users;

public sealed class CreateModel(UserManager<AppUser> users, IValidator<UserRequest> validator, TimeProvider clock, AuditLog audit) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new UserRequest(Input.Email?.Trim(), Input.Password, Input.DisplayName, Input.Role);
        var result = await validator.ValidateAsync(request, HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            ModelState.AddFieldErrors(result.ToFieldErrors());
            return Page();
        }

        try
        {
            var (created, errors) = await UserWrites.CreateAsync(request, users, clock, audit, HttpContext);
            if (created is null)
            {
                ModelState.AddFieldErrors(errors!);
                return Page();
            }

            TempData["Message"] = $"{created.Email} can now sign in as {created.Roles[0]}.";
            return RedirectToPage("Index");
        }
        catch (DuplicateException e)
        {
            ModelState.AddModelError("Input.Email", e.Message);
            return Page();
        }
    }
}

public sealed class UserInput
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public string? Role { get; set; } = Roles.Recruiter;
}
