using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Reports;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Admin.Reports;

/// <summary>A frozen report: its ranking, score distribution and representation charts, and the admin's final review.</summary>
public sealed class DetailsModel(NearshoreDbContext db, TimeProvider clock, AuditLog audit, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    public MatchReport Report { get; private set; } = null!;
    public MatchesResponse Ranking { get; private set; } = null!;
    public string ProjectTitle { get; private set; } = "";
    public string CompanyName { get; private set; } = "";

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? Notes { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id) =>
        await LoadAsync(id) ? Page() : NotFound();

    /// <summary>Approves or rejects as POST /api/v1/match-reports/{id}/review does; a second review is shown as a form error.</summary>
    public async Task<IActionResult> OnPostReviewAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var validation = await new ReviewRequestValidator().ValidateAsync(new ReviewRequest(Decision, Notes), ct);
        foreach (var error in validation.Errors)
        {
            ModelState.AddModelError(error.PropertyName == "notes" ? nameof(Notes) : nameof(Decision), error.ErrorMessage);
        }

        var report = await db.MatchReports.SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return NotFound();
        }

        if (validation.IsValid)
        {
            try
            {
                var approve = string.Equals(Decision, "approved", StringComparison.OrdinalIgnoreCase);
                await MatchReportWrites.ReviewAsync(report, approve, Notes, db, clock, audit, HttpContext);
                TempData["Message"] = $"Report {PageHelpers.Lower(report.ReviewStatus)}.";
                return RedirectToPage(new { id });
            }
            catch (DuplicateException e)
            {
                ModelState.AddModelError("", e.Message);
            }
        }

        db.ChangeTracker.Clear();
        await LoadAsync(id);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var report = await db.MatchReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return false;
        }

        Report = report;
        Ranking = JsonSerializer.Deserialize<MatchesResponse>(report.Snapshot, json.Value.SerializerOptions)!;
        var project = await db.Projects.AsNoTracking().Where(p => p.Id == report.ProjectId)
            .Select(p => new { p.Title, Company = p.Company!.Name }).SingleAsync(ct);
        ProjectTitle = project.Title;
        CompanyName = project.Company;
        return true;
    }
}
