namespace NearshoreHub.Web.Data.Entities;

public enum ReviewStatus { PendingReview, Approved, Rejected }

/// <summary>An immutable snapshot of a ranking; only the review fields ever change.</summary>
public sealed class MatchReport
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public Guid CompanyId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public required string AlgorithmVersion { get; set; }
    public int Limit { get; set; }
    public int EligibleCount { get; set; }
    /// <summary>The frozen ranking as JSON (jsonb): weights, parameters, entries, representation.</summary>
    public required string Snapshot { get; set; }
    public ReviewStatus ReviewStatus { get; set; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewNotes { get; set; }
    public uint Version { get; set; }
}
