using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Reports;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Pages.Projects;

public sealed record ShortlistRow(Guid ProfessionalId, string FullName, string Headline, string Country, string City, ShortlistStatus Status, string AddedBy, DateTimeOffset AddedAt, DateTimeOffset UpdatedAt);

/// <summary>A project's fields, skills, live matches (a page at a time) and shortlist, and freezing the ranking as a report.</summary>
public sealed partial class DetailsModel(
    NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock, AuditLog audit, MatchingService matching, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    public const int MatchesPerPage = 20;

    public ProjectDto Project { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";
    public IReadOnlyList<ShortlistRow> Shortlist { get; private set; } = [];
    public MatchesResponse Matches { get; private set; } = null!;
    public Pager MatchesPager { get; private set; } = null!;

    /// <summary>How many of the top candidates a frozen report keeps; the API's validator checks it.</summary>
    [BindProperty]
    public int? ReportLimit { get; set; } = MatchesPerPage;

    public async Task<IActionResult> OnGetAsync(Guid id, int matchesOffset = 0) =>
        await LoadAsync(id, matchesOffset) ? Page() : NotFound();

    /// <summary>Freezes the current ranking exactly as POST /api/v1/projects/{id}/match-reports does.</summary>
    public async Task<IActionResult> OnPostFreezeAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var project = await db.Projects.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return NotFound();
        }

        var validation = await new CreateMatchReportRequestValidator().ValidateAsync(new CreateMatchReportRequest(ReportLimit), ct);
        if (!validation.IsValid)
        {
            foreach (var error in validation.Errors)
            {
                ModelState.AddModelError(nameof(ReportLimit), error.ErrorMessage);
            }

            await LoadAsync(id, 0);
            return Page();
        }

        var (report, _) = await MatchReportWrites.CreateAsync(project, ReportLimit ?? MatchesPerPage, db, matching, clock, json.Value.SerializerOptions, audit, HttpContext);
        TempData["Message"] = $"The top {report.Limit} were frozen as a report pending review.";
        return User.IsInRole(Roles.Admin) && Url.Page("/Admin/Reports/Details", new { id = report.Id }) is { } reportPage
            ? Redirect(reportPage)
            : RedirectToPage(null, null, new { id }, "reports");
    }

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

    private async Task<bool> LoadAsync(Guid id, int matchesOffset)
    {
        var ct = HttpContext.RequestAborted;
        var project = await db.Projects.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return false;
        }

        var offset = Math.Max(0, matchesOffset);
        try
        {
            Matches = await matching.RankAsync(project, MatchesPerPage, offset, ct);
        }
        catch (FieldProblemException e)
        {
            // Holidays (issue 17): an engagement without a client working day cannot be ranked.
            MatchesProblem = e.Message;
            Matches = MatchingService.Unranked(project);
        }

        MatchesPager = new Pager(offset, MatchesPerPage, Matches.EligibleCount,
            o => Url.Page(null, null, new { id, matchesOffset = o == 0 ? (int?)null : o }, null, null, "matches"));

        Project = project.ToDto(catalog);
        CompanyName = await db.Companies.Where(c => c.Id == project.CompanyId).Select(c => c.Name).SingleAsync(ct);
        Shortlist = await db.ShortlistEntries.AsNoTracking().Where(s => s.ProjectId == id)
            .Join(db.Professionals, s => s.ProfessionalId, p => p.Id, (s, p) => new { s, p })
            .OrderBy(x => x.s.Status).ThenBy(x => x.s.AddedAt)
            .Select(x => new ShortlistRow(x.p.Id, x.p.FullName, x.p.Headline, x.p.Country, x.p.City, x.s.Status, x.s.AddedBy, x.s.AddedAt, x.s.UpdatedAt))
            .ToListAsync(ct);
        await LoadInterviewsAsync(id, ct);
        return true;
    }
}
