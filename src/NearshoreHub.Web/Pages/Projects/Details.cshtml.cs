using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Projects;

public sealed record ShortlistRow(Guid ProfessionalId, string FullName, string Headline, string Country, string City, ShortlistStatus Status, string AddedBy, DateTimeOffset AddedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// A project's fields, skills and shortlist. Live matches belong between the skills and the shortlist once the
/// matching service is wired in; this page renders none until then.
/// </summary>
public sealed class DetailsModel(NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock, AuditLog audit) : PageModel
{
    public ProjectDto Project { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";
    public IReadOnlyList<ShortlistRow> Shortlist { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Adds a candidate to this project's shortlist; candidate and match pages post here.</summary>
    public async Task<IActionResult> OnPostShortlistAsync(Guid id, Guid professionalId)
    {
        var outcome = await ShortlistWrites.AddAsync(id, professionalId, db, clock, audit, HttpContext);
        if (outcome == ShortlistOutcome.NotFound)
        {
            return NotFound();
        }

        TempData["Message"] = outcome == ShortlistOutcome.Done ? "Added to the shortlist as proposed." : "That candidate is already on the shortlist.";
        return RedirectToPage(null, null, new { id }, "shortlist");
    }

    public async Task<IActionResult> OnPostShortlistStatusAsync(Guid id, Guid professionalId, ShortlistStatus status)
    {
        if (!Enum.IsDefined(status))
        {
            return BadRequest();
        }

        if (await ShortlistWrites.SetStatusAsync(id, professionalId, status, db, clock, audit, HttpContext) == ShortlistOutcome.NotFound)
        {
            return NotFound();
        }

        TempData["Message"] = $"Shortlist status changed to {PageHelpers.Lower(status)}.";
        return RedirectToPage(null, null, new { id }, "shortlist");
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var project = await db.Projects.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return false;
        }

        Project = project.ToDto(catalog);
        CompanyName = await db.Companies.Where(c => c.Id == project.CompanyId).Select(c => c.Name).SingleAsync(ct);
        Shortlist = await db.ShortlistEntries.AsNoTracking().Where(s => s.ProjectId == id)
            .Join(db.Professionals, s => s.ProfessionalId, p => p.Id, (s, p) => new { s, p })
            .OrderBy(x => x.s.Status).ThenBy(x => x.s.AddedAt)
            .Select(x => new ShortlistRow(x.p.Id, x.p.FullName, x.p.Headline, x.p.Country, x.p.City, x.s.Status, x.s.AddedBy, x.s.AddedAt, x.s.UpdatedAt))
            .ToListAsync(ct);
        return true;
    }
}
