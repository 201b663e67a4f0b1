using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Pages.Projects;

public sealed record ProjectRow(Guid Id, string Title, Guid CompanyId, string CompanyName, ProjectStatus Status, DateOnly StartDate, int DurationWeeks, string Skills, int Shortlisted);

public sealed class IndexModel(NearshoreDbContext db, SkillCatalog catalog) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public Guid? CompanyId { get; set; }

    [BindProperty(SupportsGet = true)]
    public ProjectStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Offset { get; set; }

    public IReadOnlyList<ProjectRow> Projects { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Companies { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Offset = Math.Max(0, Offset);
        var projects = db.Projects.AsNoTracking();
        if (CompanyId is { } companyId)
        {
            projects = projects.Where(p => p.CompanyId == companyId);
        }

        if (Status is { } status)
        {
            projects = projects.Where(p => p.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(Q))
        {
            projects = projects.Where(p => EF.Functions.ILike(p.Title, "%" + Q.Trim() + "%"));
        }

        var total = await projects.CountAsync(ct);
        var page = await projects.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id).Skip(Offset).Take(PageSize)
            .Select(p => new
            {
                p.Id,
                p.Title,
                p.CompanyId,
                CompanyName = p.Company!.Name,
                p.Status,
                p.StartDate,
                p.DurationWeeks,
                SkillIds = p.Skills.OrderBy(s => s.Position).Select(s => s.SkillId).ToList(),
                Shortlisted = db.ShortlistEntries.Count(s => s.ProjectId == p.Id),
            })
            .ToListAsync(ct);
        Projects = page.Select(p => new ProjectRow(p.Id, p.Title, p.CompanyId, p.CompanyName, p.Status, p.StartDate, p.DurationWeeks,
            string.Join(", ", p.SkillIds.Select(id => catalog.Get(id)?.Name).OfType<string>()), p.Shortlisted)).ToList();
        Companies = await db.Companies.AsNoTracking().OrderBy(c => c.Name).Select(c => new SelectListItem(c.Name, c.Id.ToString())).ToListAsync(ct);
        Pager = new Pager(Offset, PageSize, total, offset => Url.Page("Index", new { CompanyId, Status, Q, offset }));
    }
}
