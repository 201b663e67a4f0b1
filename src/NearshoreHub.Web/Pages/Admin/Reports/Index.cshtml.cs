using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Pages.Admin.Reports;

public sealed record ReportRow(Guid Id, string ProjectTitle, string CompanyName, DateTimeOffset CreatedAt, string CreatedBy, int Limit, int EligibleCount, ReviewStatus Status, string? ReviewedBy);

/// <summary>The review queue: frozen reports of every project, pending review first, then newest.</summary>
public sealed class IndexModel(NearshoreDbContext db) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public ReviewStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Offset { get; set; }

    public IReadOnlyList<ReportRow> Reports { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Offset = Math.Max(0, Offset);
        var reports = db.MatchReports.AsNoTracking();
        if (Status is { } status && Enum.IsDefined(status))
        {
            reports = reports.Where(r => r.ReviewStatus == status);
        }

        var total = await reports.CountAsync(ct);
        Reports = await reports
            .Join(db.Projects, r => r.ProjectId, p => p.Id, (r, p) => new { r, p.Title, CompanyName = p.Company!.Name })
            .OrderBy(x => x.r.ReviewStatus == ReviewStatus.PendingReview ? 0 : 1).ThenByDescending(x => x.r.CreatedAt).ThenBy(x => x.r.Id)
            .Skip(Offset).Take(PageSize)
            .Select(x => new ReportRow(x.r.Id, x.Title, x.CompanyName, x.r.CreatedAt, x.r.CreatedBy, x.r.Limit, x.r.EligibleCount, x.r.ReviewStatus, x.r.ReviewedBy))
            .ToListAsync(ct);
        Pager = new Pager(Offset, PageSize, total, offset => Url.Page("Index", new { Status, offset }));
    }
}
