using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// The one way a write to professionals ends, whoever makes it (the API, the import page's jobs, the import endpoint,
/// the seed command): transaction → save → publish the change (NOTIFY, delivered to other instances on commit) →
/// commit → tell this instance's ranking index → audit who did it and from where.
/// </summary>
public sealed class ProfessionalWrites(NearshoreDbContext db, ProfessionalChanges changes, AuditLog audit)
{
    /// <summary>Saves the context's tracked changes to <paramref name="ids"/> in one transaction, then <see cref="CommittedAsync"/>.</summary>
    public async Task SaveAsync(IReadOnlyCollection<Guid> ids, AuditActor who, string action, string? target, CancellationToken ct)
    {
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.SaveChangesAsync(ct);
            await CommitAsync(transaction, ids, ct);
        }

        await CommittedAsync(ids, who, action, target);
    }

    /// <summary>
    /// The end of a writing transaction over professionals (the import's merge ends here too): announces the ids to
    /// other instances inside the transaction, so they hear of it only if it commits, then commits.
    /// </summary>
    public Task CommitAsync(IDbContextTransaction transaction, IReadOnlyCollection<Guid> ids, CancellationToken ct) => CommitAsync(transaction, ids, [], ct);

    /// <summary>As above, with the rows the transaction added (<paramref name="inserted"/>) announced by their range when there are many.</summary>
    public async Task CommitAsync(IDbContextTransaction transaction, IReadOnlyCollection<Guid> ids, IReadOnlyList<Guid> inserted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        await changes.PublishAsync(db, ids, inserted, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// After a bulk load that bypassed this context and committed batch by batch (the seed command's COPY sessions):
    /// every instance rebuilds its ranking index, then the audit entry.
    /// </summary>
    public async Task CommittedInBulkAsync(AuditActor who, string action, string? details, CancellationToken ct)
    {
        await changes.PublishReloadAsync(db, ct);
        await audit.WriteAsync(who, action, null, details);
    }

    /// <summary>After the commit: this instance's ranking index applies the ids before its next ranking, then the audit entry.</summary>
    public async Task CommittedAsync(IReadOnlyCollection<Guid> ids, AuditActor who, string action, string? target, string? details = null)
    {
        changes.Committed(ids);
        await audit.WriteAsync(who, action, target, details);
    }
}
