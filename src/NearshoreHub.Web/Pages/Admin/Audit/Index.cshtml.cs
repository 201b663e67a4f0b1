using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Pages.Admin.Audit;

public sealed class IndexModel(NearshoreDbContext db) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Actor { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Operation { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Offset { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public IReadOnlyList<string> KnownActions { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Offset = Math.Max(0, Offset);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(Actor))
        {
            entries = entries.Where(e => EF.Functions.ILike(e.Actor, "%" + Actor.Trim() + "%"));
        }

        if (!string.IsNullOrWhiteSpace(Operation))
        {
            entries = entries.Where(e => e.Action == Operation.Trim());
        }

        var total = await entries.CountAsync(ct);
        // Ids grow with time, so they break ties between entries written in the same instant.
        Entries = await entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(Offset).Take(PageSize).ToListAsync(ct);
        KnownActions = await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(ct);
        Pager = new Pager(Offset, PageSize, total, offset => Url.Page("Index", new { Actor, Operation, offset }));
    }
}
