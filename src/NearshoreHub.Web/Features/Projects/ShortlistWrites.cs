using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Projects;

public enum ShortlistOutcome { Done, AlreadyListed, NotFound }

/// <summary>Adding candidates to a project's shortlist and moving them through its statuses; every change is audited.</summary>
internal static class ShortlistWrites
{
    public static async Task<ShortlistOutcome> AddAsync(Guid projectId, Guid professionalId, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var ct = http.RequestAborted;
        if (!await db.Projects.AnyAsync(p => p.Id == projectId, ct) || !await db.Professionals.AnyAsync(p => p.Id == professionalId, ct))
        {
            return ShortlistOutcome.NotFound;
        }

        if (await db.ShortlistEntries.AnyAsync(s => s.ProjectId == projectId && s.ProfessionalId == professionalId, ct))
        {
            return ShortlistOutcome.AlreadyListed;
        }

        var now = clock.GetUtcNow();
        db.ShortlistEntries.Add(new ShortlistEntry
        {
            ProjectId = projectId,
            ProfessionalId = professionalId,
            Status = ShortlistStatus.Proposed,
            AddedBy = http.User.Actor(),
            AddedAt = now,
            UpdatedAt = now,
            UpdatedBy = http.User.Actor(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Two recruiters added the same candidate at once: the first one wins and this is not an error.
            db.ChangeTracker.Clear();
            return ShortlistOutcome.AlreadyListed;
        }

        await audit.WriteAsync(http, "shortlist.add", $"{projectId}/{professionalId}");
        return ShortlistOutcome.Done;
    }

    public static async Task<ShortlistOutcome> SetStatusAsync(Guid projectId, Guid professionalId, ShortlistStatus status, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var changed = await db.ShortlistEntries.Where(s => s.ProjectId == projectId && s.ProfessionalId == professionalId)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, status).SetProperty(e => e.UpdatedAt, clock.GetUtcNow())
                .SetProperty(e => e.UpdatedBy, http.User.Actor()), http.RequestAborted);
        if (changed == 0)
        {
            return ShortlistOutcome.NotFound;
        }

        await audit.WriteAsync(http, "shortlist.status", $"{projectId}/{professionalId}", status.ToString().ToLowerInvariant());
        return ShortlistOutcome.Done;
    }
}
