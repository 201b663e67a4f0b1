using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Projects;

public sealed class CreateModel(NearshoreDbContext db, IValidator<ProjectRequest> validator, SkillCatalog catalog, TimeProvider clock, AuditLog audit)
    : ProjectFormModel(db, validator)
{
    public override bool IsEdit => false;

    public async Task OnGetAsync(Guid? companyId)
    {
        Input.CompanyId = companyId;
        Input.WorkingDays = ["Mon", "Tue", "Wed", "Thu", "Fri"];
        Input.StartDate = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(28);
        await LoadChoicesAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var (valid, request) = await ValidateAsync();
        if (valid)
        {
            var (project, errors) = await ProjectWrites.CreateAsync(request, Db, catalog, clock, User, audit, HttpContext);
            if (project is not null)
            {
                TempData["Message"] = $"Project {project.Title} created.";
                return RedirectToPage("Details", new { id = project.Id });
            }

            AddErrors(errors!);
        }

        await LoadChoicesAsync();
        return Page();
    }
}
