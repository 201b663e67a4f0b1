using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Pages.Shared.Components.CandidateDecisions;

public sealed record CandidateDecisionRow(Guid ProfessionalId, string FullName, CandidateDecisionKind Decision, string? Reason, DateTimeOffset DecidedAt, Guid ReportId);

/// <summary>The client's decisions on a project's candidates, newest first, for recruiters on the project page.</summary>
public sealed class CandidateDecisionsViewComponent(NearshoreDbContext db) : ViewComponent
{
    private const int Shown = 50;

    public async Task<IViewComponentResult> InvokeAsync(Guid projectId)
    {
        var rows = await db.CandidateDecisions.AsNoTracking().Where(d => d.ProjectId == projectId)
            .Join(db.Professionals, d => d.ProfessionalId, p => p.Id, (d, p) => new { d, p.FullName })
            .OrderByDescending(x => x.d.DecidedAt).ThenByDescending(x => x.d.Id)
            .Take(Shown)
            .Select(x => new CandidateDecisionRow(x.d.ProfessionalId, x.FullName, x.d.Decision, x.d.Reason, x.d.DecidedAt, x.d.ReportId))
            .ToListAsync(HttpContext.RequestAborted);
        return View(rows);
    }
}
