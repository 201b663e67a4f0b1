using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Pages.Import;

/// <summary>Progress of one background import, then its result with the rejected rows, a page at a time.</summary>
public sealed class StatusModel(ImportJobs jobs) : PageModel
{
    public const int RowsPerPage = 100;

    /// <summary>Seconds between the page's own reloads while the import runs.</summary>
    public const int RefreshSeconds = 2;

    public ImportJob Job { get; private set; } = null!;

    public IReadOnlyList<ImportRejection> Rows { get; private set; } = [];

    public Pager? Pager { get; private set; }

    public IActionResult OnGet(string id, int offset = 0)
    {
        if (jobs.Find(id, User) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        if (job.Result is { Rejected.Count: > 0 } result)
        {
            offset = Math.Clamp(offset, 0, Math.Max(0, (result.Rejected.Count - 1) / RowsPerPage * RowsPerPage));
            Rows = result.Rejected.Skip(offset).Take(RowsPerPage).ToList();
            Pager = new Pager(offset, RowsPerPage, result.Rejected.Count, o => Url.Page("Status", new { id, offset = o }));
        }

        return Page();
    }
}
