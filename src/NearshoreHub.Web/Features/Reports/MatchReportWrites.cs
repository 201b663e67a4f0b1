using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Webhooks;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Reports;

/// <summary>Freezing and reviewing match reports, shared by the API and the pages so both behave and audit alike.</summary>
internal static class MatchReportWrites
{
    /// <summary>Ranks the project now and stores the top <paramref name="limit"/> as a report pending review.</summary>
    public static async Task<(MatchReport Report, MatchesResponse Ranking)> CreateAsync(
        Project project, int limit, NearshoreDbContext db, MatchingService matching, TimeProvider clock,
        JsonSerializerOptions json, AuditLog audit, HttpContext http)
    {
        var ranking = await matching.RankAsync(project, limit, 0, http.RequestAborted);
        var report = new MatchReport
        {
            Id = Guid.CreateVersion7(),
            ProjectId = project.Id,
            CompanyId = project.CompanyId,
            CreatedAt = clock.GetUtcNow(),
            CreatedBy = http.User.Actor(),
            AlgorithmVersion = ranking.AlgorithmVersion,
            Limit = limit,
            EligibleCount = ranking.EligibleCount,
            Snapshot = JsonSerializer.Serialize(ranking, json),
            ReviewStatus = ReviewStatus.PendingReview,
        };
        db.MatchReports.Add(report);
        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "report.create", report.Id.ToString(), $"project {project.Id}, top {limit}");
        return (report, ranking);
    }

    /// <summary>
    /// Approves or rejects a tracked report. A review is final: a second one, or losing the race to another admin,
    /// throws <see cref="DuplicateException"/>.
    /// </summary>
    public static async Task ReviewAsync(MatchReport report, bool approve, string? notes, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        if (report.ReviewStatus != ReviewStatus.PendingReview)
        {
            throw new DuplicateException($"The report was already {report.ReviewStatus.ToString().ToLowerInvariant()}; a review is final.");
        }

        report.ReviewStatus = approve ? ReviewStatus.Approved : ReviewStatus.Rejected;
        report.ReviewedBy = http.User.Actor();
        report.ReviewedAt = clock.GetUtcNow();
        report.ReviewNotes = notes?.Trim();
        if (approve)
        {
            // Same SaveChanges, same transaction: the event exists exactly when the approval does. A rejection sends
            // nothing, since companies never learn of rejected reports.
            await WebhookOutbox.EnqueueAsync(db, report.CompanyId, WebhookEventTypes.ReportApproved,
                new { reportId = report.Id, projectId = report.ProjectId }, report.ReviewedAt.Value, http.RequestAborted);
        }

        try
        {
            await db.SaveChangesAsync(http.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Only a review changes a report, so losing this race means another admin reviewed it first.
            throw new DuplicateException("The report was reviewed by someone else meanwhile; a review is final.");
        }

        await audit.WriteAsync(http, "report.review", report.Id.ToString(), report.ReviewStatus.ToString());
    }
}
