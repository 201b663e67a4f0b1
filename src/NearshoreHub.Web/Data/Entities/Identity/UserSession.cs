namespace NearshoreHub.Web.Data.Entities;

/// <summary>
/// One signed-in session of a staff user, behind a cookie or a bearer token pair. Every cookie and token carries its
/// id, and is refused once the row is revoked or expired. <see cref="RefreshId"/> names the one refresh token that may
/// be used next: refresh tokens rotate, and presenting an older one revokes the session.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    /// <summary>"cookie" or "bearer".</summary>
    public required string Kind { get; set; }
    public Guid RefreshId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Why it ended: sign-out, sign-out-everywhere, password-change, disabled, refresh-reuse.</summary>
    public string? RevokedReason { get; set; }
}
