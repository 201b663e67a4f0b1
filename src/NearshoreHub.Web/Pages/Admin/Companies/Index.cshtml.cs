using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Pages.Admin.Companies;

public sealed record CompanyRow(Guid Id, string Name, string TimeZone, DateTimeOffset CreatedAt, int ActiveKeys, int Projects);

public sealed class IndexModel(NearshoreDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Offset { get; set; }

    public IReadOnlyList<CompanyRow> Companies { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Offset = Math.Max(0, Offset);
        var companies = db.Companies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            companies = companies.Where(c => EF.Functions.ILike(c.Name, "%" + Q.Trim() + "%"));
        }

        var total = await companies.CountAsync(HttpContext.RequestAborted);
        Companies = await companies.OrderBy(c => c.Name).ThenBy(c => c.Id).Skip(Offset).Take(PageSize)
            .Select(c => new CompanyRow(c.Id, c.Name, c.TimeZone, c.CreatedAt,
                c.ApiKeys.Count(k => k.RevokedAt == null),
                db.Projects.Count(p => p.CompanyId == c.Id)))
            .ToListAsync(HttpContext.RequestAborted);
        Pager = new Pager(Offset, PageSize, total, offset => Url.Page("Index", new { Q, offset }));
    }
}
