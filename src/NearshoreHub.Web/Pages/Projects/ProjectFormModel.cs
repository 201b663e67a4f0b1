using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Projects;

/// <summary>What the create and edit pages share: the form, the company list and validation with the API's validator.</summary>
public abstract class ProjectFormModel(NearshoreDbContext db, IValidator<ProjectRequest> validator) : PageModel
{
    [BindProperty]
    public ProjectInput Input { get; set; } = new();

    public IReadOnlyList<SelectListItem> Companies { get; private set; } = [];

    public abstract bool IsEdit { get; }

    protected NearshoreDbContext Db => db;

    protected async Task LoadChoicesAsync()
    {
        Companies = await db.Companies.AsNoTracking().OrderBy(c => c.Name)
            .Select(c => new SelectListItem(c.Name, c.Id.ToString()))
            .ToListAsync(HttpContext.RequestAborted);
        Input.PadSkillRows();
    }

    /// <summary>Runs the API's validator; false (with messages on the fields) when the form needs another look.</summary>
    protected async Task<(bool Valid, ProjectRequest Request)> ValidateAsync()
    {
        var request = Input.ToRequest();
        var result = await validator.ValidateAsync(request, HttpContext.RequestAborted);
        ModelState.AddFieldErrors(result.ToFieldErrors(), rename: Input.FormPath);
        return (ModelState.IsValid, request);
    }

    protected void AddErrors(IDictionary<string, string[]> errors) => ModelState.AddFieldErrors(errors, rename: Input.FormPath);
}
