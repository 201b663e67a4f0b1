namespace NearshoreHub.Web.Data.Entities;

public enum CandidateDecisionKind { Interview, Decline }

/// <summary>A client company's decision on a candidate of one of its approved reports; the latest per candidate stands.</summary>
public sealed class CandidateDecision
{
    public long Id { get; set; }
    public Guid ReportId { get; set; }
    public Guid ProjectId { get; set; }
    public Guid CompanyId { get; set; }
    public Guid ProfessionalId { get; set; }
    public CandidateDecisionKind Decision { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset DecidedAt { get; set; }
}
