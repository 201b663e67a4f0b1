namespace NearshoreHub.Matching;

public enum CandidateStatus
{
    Active,
    Placed,
    Inactive,
}
