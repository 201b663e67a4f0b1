using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Pages.Import;

/// <summary>
/// Progress of one background import, then its result with the rejected rows, a page at a time. The job is read once,
/// here: it may end while the page renders, and the page shows one moment of it (a job seen running, then ended
/// without its rejected rows, was a page that said nothing was written and listed nothing).
/// </summary>
public sealed class StatusModel(ImportJobs jobs) : PageModel
{
    public const int RowsPerPage = 100;

    /// <summary>Seconds between the page's own reloads while the import runs.</summary>
    public const int RefreshSeconds = 2;

    public ImportJob Job { get; private set; } = null!;

    /// <summary>How the job had ended when the page read it; null if it was still running.</summary>
    public ImportJobEnd? End { get; private set; }

    /// <summary>How far it had read then.</summary>
    public ImportProgress Progress { get; private set; }

    /// <summary>True if it was running with every byte read: it was writing to the database.</summary>
    public bool Writing => End is null && Progress.BytesRead >= Progress.TotalBytes;

    public IReadOnlyList<ImportRejection> Rows { get; private set; } = [];

    public Pager? Pager { get; private set; }

    public IActionResult OnGet(string id, int offset = 0)
    {
        if (jobs.Find(id, User) is not { } job)
        {
            return NotFound();
        }

        Job = job;
        Progress = job.Progress;
        End = job.End;
        if (End?.Result is { Rejected.Count: > 0 } result)
        {
            offset = Math.Clamp(offset, 0, Math.Max(0, (result.Rejected.Count - 1) / RowsPerPage * RowsPerPage));
            Rows = result.Rejected.Skip(offset).Take(RowsPerPage).ToList();
            Pager = new Pager(offset, RowsPerPage, result.Rejected.Count, o => Url.Page("Status", new { id, offset = o }));
        }

        return Page();
    }
}
