using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Projects;

public sealed class EditModel(NearshoreDbContext db, IValidator<ProjectRequest> validator, SkillCatalog catalog, TimeProvider clock, AuditLog audit)
    : ProjectFormModel(db, validator)
{
    public override bool IsEdit => true;

    public Guid Id { get; private set; }
    public string CompanyName { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var project = await Db.Projects.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (project is null)
        {
            return NotFound();
        }

        Input = ProjectInput.From(project, catalog);
        await LoadAsync(project.Id, project.CompanyId);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var project = await Db.Projects.Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (project is null)
        {
            return NotFound();
        }

        // A project never moves company; the form does not offer it, and a tampered value must not matter.
        Input.CompanyId = project.CompanyId;
        var (valid, request) = await ValidateAsync();
        if (valid && Input.Version != project.Version)
        {
            ModelState.AddModelError("", "Someone else changed this project while you were editing. Your changes are below; open the project again to see theirs, then re-apply yours.");
            valid = false;
        }

        if (valid)
        {
            var errors = await ProjectWrites.UpdateAsync(project, request, Db, catalog, clock, audit, HttpContext);
            if (errors is null)
            {
                TempData["Message"] = "Project saved.";
                return RedirectToPage("Details", new { id });
            }

            AddErrors(errors);
        }

        await LoadAsync(project.Id, project.CompanyId);
        return Page();
    }

    private async Task LoadAsync(Guid id, Guid companyId)
    {
        Id = id;
        CompanyName = await Db.Companies.Where(c => c.Id == companyId).Select(c => c.Name).SingleAsync(HttpContext.RequestAborted);
        await LoadChoicesAsync();
    }
}
