using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Candidates;

public sealed record CandidateShortlist(Guid ProjectId, string ProjectTitle, ShortlistStatus Status);

/// <summary>A candidate's profile and skills, the shortlists they are on, and a way to add them to an open project's shortlist.</summary>
public sealed class DetailsModel(NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock, AuditLog audit) : PageModel
{
    public ProfessionalDto Candidate { get; private set; } = null!;
    public IReadOnlyList<CandidateShortlist> Shortlists { get; private set; } = [];
    public IReadOnlyList<SelectListItem> OpenProjects { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var professional = await db.Professionals.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (professional is null)
        {
            return NotFound();
        }

        Candidate = professional.ToDto(catalog);
        Shortlists = await db.ShortlistEntries.AsNoTracking().Where(s => s.ProfessionalId == id)
            .Join(db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new { p.Id, p.Title, s.Status })
            .OrderBy(s => s.Title)
            .Select(s => new CandidateShortlist(s.Id, s.Title, s.Status))
            .ToListAsync(ct);
        var listed = Shortlists.Select(s => s.ProjectId).ToList();
        OpenProjects = await db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatus.Open && !listed.Contains(p.Id))
            .OrderByDescending(p => p.CreatedAt).Take(200)
            .Select(p => new SelectListItem(p.Title + " — " + p.Company!.Name, p.Id.ToString()))
            .ToListAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostShortlistAsync(Guid id, Guid projectId)
    {
        var outcome = await ShortlistWrites.AddAsync(projectId, id, db, clock, audit, HttpContext);
        if (outcome == ShortlistOutcome.NotFound)
        {
            return NotFound();
        }

        TempData["Message"] = outcome == ShortlistOutcome.Done ? "Added to the shortlist as proposed." : "Already on that shortlist.";
        return RedirectToPage(new { id });
    }
}
