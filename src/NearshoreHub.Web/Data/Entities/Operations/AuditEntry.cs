namespace NearshoreHub.Web.Data.Entities;

/// <summary>Append-only record of staff and admin actions.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? RemoteIp { get; set; }
    public string? Details { get; set; }
}
