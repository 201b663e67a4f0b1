using NodaTime;

namespace NearshoreHub.Matching;

public sealed record ProjectQuery(
    string TimeZoneId,
    LocalTime CoreStart,
    LocalTime CoreEnd,
    WorkDays WorkDays,
    double MinOverlapHours,
    LocalDate StartDate,
    int DurationWeeks,
    IReadOnlyList<ProjectSkillRequirement> Skills,
    EnglishLevel? MinEnglish,
    decimal? BudgetMin,
    decimal? BudgetMax,
    Seniority? Seniority,
    ScoreWeights Weights)
{
    public WorkSchedule CoreSchedule => new(TimeZoneId, CoreStart, CoreEnd, WorkDays);

    /// <summary>Throws <see cref="ArgumentException"/> when the query cannot be ranked.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(TimeZoneId);
        ArgumentNullException.ThrowIfNull(Skills);
        ArgumentNullException.ThrowIfNull(Weights);
        if (CoreStart >= CoreEnd)
        {
            throw new ArgumentException("Core hours must start before they end.");
        }

        if (DurationWeeks is < 1 or > 104)
        {
            throw new ArgumentException("Duration must be 1–104 weeks.");
        }

        if (!double.IsFinite(MinOverlapHours) || MinOverlapHours < 0)
        {
            throw new ArgumentException("Minimum overlap must be a non-negative number of hours.");
        }

        foreach (var skill in Skills)
        {
            if (skill.MinLevel is < 1 or > 5)
            {
                throw new ArgumentException($"Skill {skill.SkillId}: minimum level must be 1–5.");
            }

            if (!double.IsFinite(skill.Weight) || skill.Weight <= 0 || skill.Weight > 1000)
            {
                throw new ArgumentException($"Skill {skill.SkillId}: weight must be positive.");
            }
        }
    }
}
