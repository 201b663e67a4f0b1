using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Notes;

/// <summary>Recruiters' notes on a professional (product spec §13): staff only, newest first, deletable by the author or an admin.</summary>
public static class NotesApi
{
    public static RouteGroupBuilder MapNotes(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/professionals/{id:guid}/notes").WithTags("Notes").WithValidation()
            .RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/", List).WithName("ListNotes")
            .WithSummary("Lists the notes on a professional, newest first, with author and time (offset ≥ 0, limit 1–200, default 50).")
            .ProducesValidationProblem();
        group.MapPost("/", Create).WithName("CreateNote")
            .WithSummary("Adds a note (text, at most 4,000 characters) to a professional. Accepts Idempotency-Key.")
            .ProducesValidationProblem();
        group.MapDelete("/{noteId:guid}", Delete).WithName("DeleteNote")
            .WithSummary("Deletes a note: its author or an admin (anyone else gets 403).");
        return group;
    }

    private static async Task<Results<Ok<PagedList<NoteDto>>, NotFound>> List(Guid id, [AsParameters] NoteListQuery query, NearshoreDbContext db, CancellationToken ct)
    {
        if (!await db.Professionals.AnyAsync(p => p.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var notes = db.ProfessionalNotes.AsNoTracking().Where(n => n.ProfessionalId == id);
        var total = await notes.CountAsync(ct);
        var items = await notes.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip(query.OffsetOrDefault).Take(query.LimitOrDefault)
            .Select(n => new NoteDto(n.Id, n.ProfessionalId, n.Text, new NoteAuthorDto(n.AuthorId, n.AuthorName), n.CreatedAt))
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<NoteDto>(items, total));
    }

    private static async Task<Results<Created<NoteDto>, NotFound>> Create(
        Guid id, NoteRequest request, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var note = await NoteWrites.AddAsync(id, request.Text!, db, clock, audit, http);
        return note is null
            ? TypedResults.NotFound()
            : TypedResults.Created($"/api/v1/professionals/{id}/notes/{note.Id}", note);
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(
        Guid id, Guid noteId, NearshoreDbContext db, AuditLog audit, HttpContext http)
    {
        return await NoteWrites.DeleteAsync(id, noteId, db, audit, http) switch
        {
            NoteDeletion.Deleted => TypedResults.NoContent(),
            NoteDeletion.NotFound => TypedResults.NotFound(),
            _ => TypedResults.Problem(
                title: "Only the note's author or an admin can delete it.", statusCode: StatusCodes.Status403Forbidden),
        };
    }
}
