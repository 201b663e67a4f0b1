using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Companies;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Admin.Companies;

public sealed class CreateModel(NearshoreDbContext db, IValidator<CompanyRequest> validator, TimeProvider clock, AuditLog audit) : PageModel
{
    [BindProperty]
    public CompanyInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new CompanyRequest(Input.Name, Input.TimeZone?.Trim());
        var result = await validator.ValidateAsync(request, HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            ModelState.AddFieldErrors(result.ToFieldErrors());
            return Page();
        }

        var company = await CompanyWrites.CreateAsync(request, db, clock, audit, HttpContext);
        TempData["Message"] = $"Company {company.Name} created. Issue it an API key below.";
        return RedirectToPage("Details", new { id = company.Id });
    }
}

public sealed class CompanyInput
{
    public string? Name { get; set; }
    public string? TimeZone { get; set; }
}
