using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Webhooks;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;
using NodaTime;

namespace NearshoreHub.Web.Features.Interviews;

/// <summary>Booking and cancelling, shared by the API and the pages so both check and audit alike.</summary>
internal static class InterviewWrites
{
    /// <summary>
    /// Books when the slot is offered (else 422 on <c>start</c>) and the professional has no scheduled interview overlapping it in any
    /// project (else 409); the project's shortlist entry moves to interviewing (created if missing; a hired entry stays hired).
    /// </summary>
    public static async Task<Interview> BookAsync(
        InterviewSides sides, DateTimeOffset start, int minutes, NearshoreDbContext db, InterviewSlotFinder finder, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var ct = http.RequestAborted;
        var now = clock.GetUtcNow();
        var at = Instant.FromDateTimeOffset(start);
        var refusal = finder.Check(sides.Client, sides.ClientDaysOff, sides.Candidate, sides.CandidateDaysOff, at, Duration.FromMinutes(minutes), Instant.FromDateTimeOffset(now));
        if (refusal != SlotRefusal.None)
        {
            throw new FieldProblemException("start", InterviewSlotsApi.Describe(refusal));
        }

        var begins = at.ToDateTimeOffset();
        var ends = begins.AddMinutes(minutes);
        var professionalId = sides.Professional.Id;
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // One booking per professional at a time, across every project and instance.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({professionalId.ToString()}, 17))", ct);
        if (await db.Interviews.AnyAsync(i => i.ProfessionalId == professionalId && i.Status == InterviewStatus.Scheduled && i.Start < ends && i.End > begins, ct))
        {
            throw new DuplicateException("The professional already has an interview at that time.");
        }

        var interview = new Interview
        {
            Id = Guid.CreateVersion7(),
            ProjectId = sides.Project.Id,
            ProfessionalId = professionalId,
            Start = begins,
            End = ends,
            Status = InterviewStatus.Scheduled,
            CreatedBy = http.User.Actor(),
            CreatedAt = now,
        };
        db.Interviews.Add(interview);
        await InterviewWebhooks.EnqueueAsync(db, WebhookEventTypes.InterviewScheduled, sides.Project.CompanyId, interview.Id, interview.ProjectId, professionalId, interview.Start, interview.End, now, ct);
        await db.SaveChangesAsync(ct);
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO shortlist_entries (project_id, professional_id, status, notes, added_by, added_at, updated_at)
            VALUES ({sides.Project.Id}, {professionalId}, 'Interviewing', '', {http.User.Actor()}, {now}, {now})
            ON CONFLICT (project_id, professional_id) DO UPDATE SET status = 'Interviewing', updated_at = EXCLUDED.updated_at
            WHERE shortlist_entries.status <> 'Hired'
            """, ct);
        await tx.CommitAsync(ct);
        await audit.WriteAsync(http, "interview.book", interview.Id.ToString(), $"project {interview.ProjectId}, professional {professionalId}");
        return interview;
    }

    public static async Task CancelAsync(Guid id, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var ct = http.RequestAborted;
        var now = clock.GetUtcNow();
        var interview = await db.Interviews.SingleOrDefaultAsync(i => i.Id == id && i.Status == InterviewStatus.Scheduled, ct);
        if (interview is null)
        {
            return;
        }

        interview.Status = InterviewStatus.Cancelled;
        interview.CancelledAt = now;
        var companyId = await db.Projects.Where(p => p.Id == interview.ProjectId).Select(p => p.CompanyId).SingleAsync(ct);
        await InterviewWebhooks.EnqueueAsync(db, WebhookEventTypes.InterviewCancelled, companyId, interview.Id, interview.ProjectId, interview.ProfessionalId, interview.Start, interview.End, now, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Cancelled by someone else meanwhile: cancelling again changes nothing.
            return;
        }

        await audit.WriteAsync(http, "interview.cancel", id.ToString());
    }
}
