using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>Appends who did what, when and from where. Entries are never updated or deleted.</summary>
public sealed class AuditLog(NearshoreDbContext db, TimeProvider clock)
{
    public async Task WriteAsync(HttpContext http, string action, string? target, string? details = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = http.User.Actor(),
            Action = action,
            Target = target,
            RemoteIp = http.Connection.RemoteIpAddress?.ToString(),
            Details = details,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
