using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Notes;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Candidates;

/// <summary>Every note on a candidate, and the page's add and delete actions (the same write path as the API).</summary>
public sealed class NotesModel(NearshoreDbContext db, TimeProvider clock, AuditLog audit) : PageModel
{
    public const int PerPage = 50;

    public Guid Id { get; private set; }
    public string FullName { get; private set; } = "";
    public IReadOnlyList<ProfessionalNote> Notes { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    [BindProperty]
    public string? Text { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int offset = 0) => await LoadAsync(id, offset) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var result = await new NoteRequestValidator().ValidateAsync(new NoteRequest(Text), HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(nameof(Text), error.ErrorMessage);
            }

            return await LoadAsync(id, 0) ? Page() : NotFound();
        }

        if (await NoteWrites.AddAsync(id, Text!, db, clock, audit, HttpContext) is null)
        {
            return NotFound();
        }

        TempData["Message"] = "The note was added.";
        return Redirect(Url.Page("/Candidates/Details", null, new { id }, null, null, "notes")!);
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, Guid noteId)
    {
        switch (await NoteWrites.DeleteAsync(id, noteId, db, audit, HttpContext))
        {
            case NoteDeletion.NotFound:
                return NotFound();
            case NoteDeletion.NotAllowed:
                return Forbid();
            default:
                TempData["Message"] = "The note was deleted.";
                return Redirect(Url.Page("/Candidates/Details", null, new { id }, null, null, "notes")!);
        }
    }

    private async Task<bool> LoadAsync(Guid id, int offset)
    {
        var ct = HttpContext.RequestAborted;
        var name = await db.Professionals.AsNoTracking().Where(p => p.Id == id).Select(p => p.FullName).SingleOrDefaultAsync(ct);
        if (name is null)
        {
            return false;
        }

        Id = id;
        FullName = name;
        var notes = db.ProfessionalNotes.AsNoTracking().Where(n => n.ProfessionalId == id);
        var total = await notes.CountAsync(ct);
        offset = Math.Max(0, offset);
        Notes = await notes.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Skip(offset).Take(PerPage).ToListAsync(ct);
        Pager = new Pager(offset, PerPage, total, o => Url.Page("/Candidates/Notes", new { id, offset = o })!);
        return true;
    }
}
