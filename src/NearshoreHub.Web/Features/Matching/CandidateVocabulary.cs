using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Features.Matching;

/// <summary>
/// The one mapping from the web app's words for a professional to the matching library's (its README says why the
/// library has its own: it must not depend on the app). The levels share their names and numbers, so they convert by
/// value; the status is matched by name, and anything unknown ranks as inactive.
/// </summary>
public static class CandidateVocabulary
{
    public static CandidateStatus ToCandidate(this ProfessionalStatus status) => status switch
    {
        ProfessionalStatus.Active => CandidateStatus.Active,
        ProfessionalStatus.Placed => CandidateStatus.Placed,
        _ => CandidateStatus.Inactive,
    };

    /// <summary>The status as PostgreSQL stores it (the enum's name).</summary>
    public static CandidateStatus CandidateStatusOf(string stored) => stored switch
    {
        nameof(ProfessionalStatus.Active) => CandidateStatus.Active,
        nameof(ProfessionalStatus.Placed) => CandidateStatus.Placed,
        _ => CandidateStatus.Inactive,
    };

    public static NearshoreHub.Matching.EnglishLevel ToMatching(this Data.Entities.EnglishLevel level) => (NearshoreHub.Matching.EnglishLevel)(int)level;

    public static NearshoreHub.Matching.Seniority ToMatching(this Data.Entities.Seniority seniority) => (NearshoreHub.Matching.Seniority)(int)seniority;
}
