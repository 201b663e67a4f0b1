using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Notes;

public enum NoteDeletion { Deleted, NotFound, NotAllowed }

/// <summary>The one write path for notes, shared by the API and the candidate page; every change is audited (ids only).</summary>
public static class NoteWrites
{
    public static async Task<NoteDto?> AddAsync(Guid professionalId, string text, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var ct = http.RequestAborted;
        if (!await db.Professionals.AnyAsync(p => p.Id == professionalId, ct))
        {
            return null;
        }

        var user = http.User;
        var authorId = UserId(user) ?? throw new InvalidOperationException("A staff caller without a user id.");
        var note = new ProfessionalNote
        {
            Id = Guid.CreateVersion7(),
            ProfessionalId = professionalId,
            AuthorId = authorId,
            AuthorName = await AuthorNameAsync(db, authorId, user, ct),
            Text = text.Trim(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.ProfessionalNotes.Add(note);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, "note.create", professionalId.ToString(), $"note {note.Id}");
        return new NoteDto(note.Id, note.ProfessionalId, note.Text, new NoteAuthorDto(note.AuthorId, note.AuthorName), note.CreatedAt);
    }

    public static async Task<NoteDeletion> DeleteAsync(Guid professionalId, Guid noteId, NearshoreDbContext db, AuditLog audit, HttpContext http)
    {
        var ct = http.RequestAborted;
        var note = await db.ProfessionalNotes.AsNoTracking()
            .Where(n => n.Id == noteId && n.ProfessionalId == professionalId)
            .Select(n => new { n.AuthorId })
            .SingleOrDefaultAsync(ct);
        if (note is null)
        {
            return NoteDeletion.NotFound;
        }

        if (note.AuthorId != UserId(http.User) && !http.User.IsInRole(Roles.Admin))
        {
            return NoteDeletion.NotAllowed;
        }

        if (await db.ProfessionalNotes.Where(n => n.Id == noteId).ExecuteDeleteAsync(ct) == 0)
        {
            return NoteDeletion.NotFound;
        }

        await audit.WriteAsync(http, "note.delete", professionalId.ToString(), $"note {noteId}");
        return NoteDeletion.Deleted;
    }

    public static Guid? UserId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    private static async Task<string> AuthorNameAsync(NearshoreDbContext db, Guid userId, ClaimsPrincipal user, CancellationToken ct)
    {
        var stored = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.DisplayName, u.Email }).SingleOrDefaultAsync(ct);
        var name = !string.IsNullOrWhiteSpace(stored?.DisplayName) ? stored.DisplayName : stored?.Email ?? user.Actor();
        return name.Length > 256 ? name[..256] : name;
    }
}
