using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Notes;
using NearshoreHub.Web.Features.SavedSearches;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.SavedSearches;

/// <summary>The matches new to one saved search, and marking them seen (as of the moment they were listed).</summary>
public sealed class NewModel(NearshoreDbContext db, SavedSearchNews news, AuditLog audit) : PageModel
{
    public const int PerPage = 25;

    public SavedSearch Search { get; private set; } = null!;
    public NewMatchesDto Matches { get; private set; } = null!;
    public Pager Pager { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, int offset = 0)
    {
        if (await FindAsync(id, tracked: false) is not { } saved)
        {
            return NotFound();
        }

        Search = saved;
        offset = Math.Max(0, offset);
        Matches = await news.PageAsync(saved, offset, PerPage, HttpContext.RequestAborted);
        Pager = new Pager(offset, PerPage, Matches.Total, o => Url.Page("/SavedSearches/New", new { id, offset = o }));
        return Page();
    }

    /// <summary>Moves seenAt to the asOf the list was read at, so anything changed since still counts as new.</summary>
    public async Task<IActionResult> OnPostSeenAsync(Guid id, string? asOf)
    {
        if (await FindAsync(id, tracked: true) is not { } saved)
        {
            return NotFound();
        }

        if (!DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) || at > news.Now().AddMinutes(1))
        {
            return BadRequest();
        }

        saved.SeenAt = at.ToUniversalTime();
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        await audit.WriteAsync(HttpContext, "saved-search.seen", id.ToString());
        TempData["Message"] = $"Marked \"{saved.Name}\" as seen.";
        return RedirectToPage("/SavedSearches/Index");
    }

    private Task<SavedSearch?> FindAsync(Guid id, bool tracked)
    {
        var owner = NoteWrites.UserId(User);
        var searches = tracked ? db.SavedSearches : db.SavedSearches.AsNoTracking();
        return searches.SingleOrDefaultAsync(s => s.Id == id && owner != null && s.OwnerId == owner, HttpContext.RequestAborted);
    }
}
