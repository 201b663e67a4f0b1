using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;

namespace NearshoreHub.Web.Features.Webhooks;

/// <summary>
/// interview.scheduled and interview.cancelled (product.md §11): sent only when an approved report of the interview's
/// project names the professional, the same rule under which the company may read the interview at all (§6), so an
/// event never tells a company about a candidate it was never shown.
/// </summary>
public static class InterviewWebhooks
{
    /// <summary>Call before the SaveChanges that books or cancels the interview, with the interview as it will be stored.</summary>
    public static async Task EnqueueAsync(
        NearshoreDbContext db, string type, Guid companyId, Guid interviewId, Guid projectId, Guid professionalId,
        DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, CancellationToken ct)
    {
        if (type is not (WebhookEventTypes.InterviewScheduled or WebhookEventTypes.InterviewCancelled))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Not an interview event.");
        }

        var shown = await db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM match_reports r, jsonb_array_elements(r.snapshot -> 'items') i
                           WHERE r.project_id = {projectId} AND r.company_id = {companyId} AND r.review_status = 'Approved'
                             AND i -> 'professional' ->> 'id' = {professionalId.ToString()}) AS "Value"
            """).SingleAsync(ct);
        if (shown)
        {
            await WebhookOutbox.EnqueueAsync(db, companyId, type, new { interviewId, projectId, professionalId, start, end }, now, ct, professionalId);
        }
    }
}
