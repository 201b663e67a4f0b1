namespace NearshoreHub.Web.Data.Entities;

public enum InterviewStatus { Scheduled, Cancelled }

/// <summary>An interview booked in an offered slot (product spec §10).</summary>
public sealed class Interview
{
    public Guid Id { get; set; }
    public Guid ProjectId { get; set; }
    public Guid ProfessionalId { get; set; }
    public DateTimeOffset Start { get; set; }
    public DateTimeOffset End { get; set; }
    public InterviewStatus Status { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }
}
