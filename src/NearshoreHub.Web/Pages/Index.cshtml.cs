using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Pages;

public sealed class IndexModel(NearshoreDbContext db) : PageModel
{
    public int OpenProjects { get; private set; }
    public int PendingReports { get; private set; }

    public async Task OnGetAsync()
    {
        OpenProjects = await db.Projects.CountAsync(p => p.Status == ProjectStatus.Open, HttpContext.RequestAborted);
        PendingReports = await db.MatchReports.CountAsync(r => r.ReviewStatus == ReviewStatus.PendingReview, HttpContext.RequestAborted);
    }
}
