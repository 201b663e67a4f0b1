using System.Net;
using System.Security.Claims;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>Who did something and from where: all an audit entry keeps about its author.</summary>
public readonly record struct AuditActor(string Actor, string? RemoteIp)
{
    /// <summary>The signed-in user of a request and the address it came from (after forwarded headers).</summary>
    public static AuditActor Of(HttpContext http) => Of(http.User, http.Connection.RemoteIpAddress);

    /// <summary>For work that outlives its request (an import job): the values taken when the request was made.</summary>
    public static AuditActor Of(ClaimsPrincipal user, IPAddress? remoteIp) => new(user.Actor(), remoteIp?.ToString());
}

/// <summary>Appends who did what, when and from where. Entries are never updated or deleted.</summary>
public sealed class AuditLog(NearshoreDbContext db, TimeProvider clock)
{
    /// <summary>For endpoints and pages: the request's user and remote address.</summary>
    public Task WriteAsync(HttpContext http, string action, string? target, string? details = null) =>
        WriteAsync(AuditActor.Of(http), action, target, details);

    public async Task WriteAsync(AuditActor who, string action, string? target, string? details = null)
    {
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            Actor = who.Actor,
            Action = action,
            Target = target,
            RemoteIp = who.RemoteIp,
            Details = details,
        });
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
