namespace NearshoreHub.Web.Data.Entities;

public enum ShortlistStatus { Proposed, Interviewing, Hired, Rejected }

/// <summary>A candidate a recruiter put on a project's shortlist, with where they stand.</summary>
public sealed class ShortlistEntry
{
    public Guid ProjectId { get; set; }
    public Guid ProfessionalId { get; set; }
    public ShortlistStatus Status { get; set; }
    public string Notes { get; set; } = "";
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Who made the latest change: a staff actor, or "company:{id}" for a client's decision.</summary>
    public string? UpdatedBy { get; set; }
    public uint Version { get; set; }
}
