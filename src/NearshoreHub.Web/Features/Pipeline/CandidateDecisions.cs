using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Pipeline;

/// <summary>
/// A client company's decision on a candidate of one of its approved reports (product.md §12): it creates or moves the
/// project's shortlist entry; the latest decision stands, repeating one changes nothing, and nothing leaves "hired".
/// </summary>
internal static class CandidateDecisions
{
    /// <summary>Null when the report is not the company's approved report or does not rank the professional.</summary>
    public static async Task<DecisionDto?> DecideAsync(
        Guid reportId, Guid professionalId, DecisionRequest request, Guid companyId, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var ct = http.RequestAborted;
        var report = await db.MatchReports.AsNoTracking()
            .Where(r => r.Id == reportId && r.CompanyId == companyId && r.ReviewStatus == ReviewStatus.Approved)
            .Select(r => new { r.Id, r.ProjectId })
            .SingleOrDefaultAsync(ct);
        if (report is null || !await RanksAsync(db, reportId, professionalId, ct) || !await db.Professionals.AnyAsync(p => p.Id == professionalId, ct))
        {
            return null;
        }

        var kind = request.Decision == "interview" ? CandidateDecisionKind.Interview : CandidateDecisionKind.Decline;
        var target = kind == CandidateDecisionKind.Interview ? ShortlistStatus.Interviewing : ShortlistStatus.Rejected;
        var reason = string.IsNullOrWhiteSpace(request.Reason) ? null : request.Reason.Trim();
        var actor = http.User.Actor();
        var now = clock.GetUtcNow();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The row lock orders concurrent decisions on one candidate; the first decision of all inserts instead.
        var entry = await db.ShortlistEntries
            .FromSql($"SELECT *, xmin FROM shortlist_entries WHERE project_id = {report.ProjectId} AND professional_id = {professionalId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (entry?.Status == ShortlistStatus.Hired)
        {
            throw new DuplicateException("The candidate is hired; a decision cannot move them.");
        }

        if (entry?.Status == target)
        {
            return new DecisionDto(report.Id, report.ProjectId, professionalId, kind, reason, entry.Status, entry.UpdatedAt);
        }

        if (entry is null)
        {
            entry = new ShortlistEntry
            {
                ProjectId = report.ProjectId,
                ProfessionalId = professionalId,
                Status = target,
                AddedBy = actor,
                AddedAt = now,
                UpdatedAt = now,
                UpdatedBy = actor,
            };
            db.ShortlistEntries.Add(entry);
        }
        else
        {
            entry.Status = target;
            entry.UpdatedAt = now;
            entry.UpdatedBy = actor;
        }

        db.CandidateDecisions.Add(new CandidateDecision
        {
            ReportId = report.Id,
            ProjectId = report.ProjectId,
            CompanyId = companyId,
            ProfessionalId = professionalId,
            Decision = kind,
            Reason = reason,
            DecidedAt = now,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            throw new DuplicateException("Another decision on this candidate was being recorded at the same moment; send it again.");
        }

        await transaction.CommitAsync(ct);
        // Ids only: a reason is the company's free text and may name people (product.md §14).
        await audit.WriteAsync(http, "candidate.decision", $"{report.ProjectId}/{professionalId}", $"report {report.Id}: {request.Decision}");
        return new DecisionDto(report.Id, report.ProjectId, professionalId, kind, reason, target, now);
    }

    /// <summary>Whether the frozen ranking of the report lists the professional.</summary>
    internal static Task<bool> RanksAsync(NearshoreDbContext db, Guid reportId, Guid professionalId, CancellationToken ct) =>
        db.Database.SqlQuery<bool>($"""
            SELECT EXISTS (SELECT 1 FROM match_reports r, jsonb_array_elements(r.snapshot -> 'items') i
                           WHERE r.id = {reportId} AND i -> 'professional' ->> 'id' = {professionalId.ToString()}) AS "Value"
            """).SingleAsync(ct);

    /// <summary>Professionals named by any approved report of the project: all a company may see in its pipeline.</summary>
    internal static Task<List<Guid>> InApprovedReportsAsync(NearshoreDbContext db, Guid projectId, CancellationToken ct) =>
        db.Database.SqlQuery<Guid>($"""
            SELECT DISTINCT (i -> 'professional' ->> 'id')::uuid AS "Value"
            FROM match_reports r, jsonb_array_elements(r.snapshot -> 'items') i
            WHERE r.project_id = {projectId} AND r.review_status = 'Approved'
            """).ToListAsync(ct);
}
