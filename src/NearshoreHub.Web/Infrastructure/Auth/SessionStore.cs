using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Infrastructure.Auth;

/// <summary>Bound from <c>Sessions:*</c>.</summary>
public sealed class SessionSettings
{
    /// <summary>Longest a session lives, however often its refresh token is used.</summary>
    public int LifetimeDays { get; set; } = 14;

    /// <summary>
    /// How long an instance trusts its last look at a session. Revocations on this instance apply at once; on another
    /// instance within this many seconds (the contract allows 60).
    /// </summary>
    public int RecheckSeconds { get; set; } = 20;
}

/// <summary>
/// Server-side sessions in PostgreSQL (<see cref="UserSession"/>). Cookies and bearer tokens carry the session id
/// claim; <see cref="IsActiveAsync"/> is asked on every request and answers from a short-lived per-instance cache.
/// </summary>
public sealed class SessionStore(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<SessionSettings> settings)
{
    public const string SessionClaim = "nearshore:sid";
    public const string RefreshClaim = "nearshore:rt";

    private readonly ConcurrentDictionary<Guid, Checked> _checked = new();

    private readonly record struct Checked(bool Active, Guid UserId, long At);

    public async Task<UserSession> CreateAsync(NearshoreDbContext db, Guid userId, string kind, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(),
            UserId = userId,
            Kind = kind,
            RefreshId = Guid.NewGuid(),
            CreatedAt = now,
            ExpiresAt = now.AddDays(Math.Max(1, settings.Value.LifetimeDays)),
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session;
    }

    /// <summary>The principal to sign in: the user's claims plus the session and refresh-token ids.</summary>
    public static ClaimsPrincipal Stamp(ClaimsPrincipal principal, UserSession session)
    {
        var identity = (ClaimsIdentity)principal.Identity!;
        foreach (var old in identity.FindAll(c => c.Type is SessionClaim or RefreshClaim).ToList())
        {
            identity.RemoveClaim(old);
        }

        identity.AddClaim(new Claim(SessionClaim, session.Id.ToString()));
        identity.AddClaim(new Claim(RefreshClaim, session.RefreshId.ToString()));
        return principal;
    }

    public static Guid? SessionId(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(SessionClaim), out var id) ? id : null;

    public static Guid? RefreshId(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(RefreshClaim), out var id) ? id : null;

    /// <summary>Whether the session exists, is neither revoked nor expired, and its user is neither disabled nor locked out.</summary>
    public async Task<bool> IsActiveAsync(Guid sessionId, Guid userId, CancellationToken ct)
    {
        var now = clock.GetTimestamp();
        if (_checked.TryGetValue(sessionId, out var seen) && clock.GetElapsedTime(seen.At, now).TotalSeconds < settings.Value.RecheckSeconds)
        {
            return seen.Active && seen.UserId == userId;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
        var utcNow = clock.GetUtcNow();
        var row = await db.UserSessions.AsNoTracking()
            .Where(s => s.Id == sessionId)
            .Select(s => new { s.UserId, s.RevokedAt, s.ExpiresAt, Lockout = db.Users.Where(u => u.Id == s.UserId).Select(u => u.LockoutEnd).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        var active = row is not null && row.UserId == userId && row.RevokedAt is null && row.ExpiresAt > utcNow
            && (row.Lockout is null || row.Lockout <= utcNow);
        if (_checked.Count > 50_000)
        {
            _checked.Clear();
        }

        _checked[sessionId] = new Checked(active, row?.UserId ?? Guid.Empty, now);
        return active && row!.UserId == userId;
    }

    /// <summary>Rotates the refresh token: true when <paramref name="presented"/> was the current one, and from now on the new one is.</summary>
    public async Task<RotateResult> RotateAsync(NearshoreDbContext db, Guid sessionId, Guid presented, Guid next, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var rotated = await db.UserSessions
            .Where(s => s.Id == sessionId && s.RefreshId == presented && s.RevokedAt == null && s.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RefreshId, next), ct);
        if (rotated == 1)
        {
            return RotateResult.Rotated;
        }

        // An earlier refresh token of a live session: it was copied. End the session for everyone holding it.
        var reused = await db.UserSessions
            .Where(s => s.Id == sessionId && s.RefreshId != presented && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, "refresh-reuse"), ct);
        Forget(sessionId);
        return reused == 1 ? RotateResult.Reused : RotateResult.Invalid;
    }

    public async Task RevokeAsync(NearshoreDbContext db, Guid sessionId, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.UserSessions.Where(s => s.Id == sessionId && s.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);
        Forget(sessionId);
    }

    /// <summary>Ends every session of the user except <paramref name="keep"/>.</summary>
    public async Task<int> RevokeAllAsync(NearshoreDbContext db, Guid userId, string reason, Guid? keep, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var revoked = await db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != keep)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.RevokedAt, now).SetProperty(x => x.RevokedReason, reason), ct);
        ForgetUser(userId);
        return revoked;
    }

    /// <summary>Drops this instance's cached answers for a user, e.g. when they were just locked out.</summary>
    public void ForgetUser(Guid userId)
    {
        foreach (var entry in _checked)
        {
            if (entry.Value.UserId == userId)
            {
                _checked.TryRemove(entry.Key, out _);
            }
        }
    }

    private void Forget(Guid sessionId) => _checked.TryRemove(sessionId, out _);
}

public enum RotateResult { Rotated, Reused, Invalid }
