using NodaTime;

namespace NearshoreHub.Matching.Tests;

public class ExplanationTests
{
    private static readonly SkillGraph Skills = new([(10, 11, 0.6)], new Dictionary<int, string> { [10] = "Next.js", [11] = "React", [12] = "TypeScript" });

    private static readonly MatchScorer Scorer = new(new OverlapCalculator(DateTimeZoneProviders.Tzdb), Skills);

    private static ProjectQuery Project(params ProjectSkillRequirement[] skills) => new(
        "America/New_York", new LocalTime(9, 0), new LocalTime(17, 0), WorkDays.Weekdays, 0, new LocalDate(2027, 3, 1), 4,
        skills, EnglishLevel.B2, null, 40m, null, ScoreWeights.Default);

    private static CandidateRecord Professional(params CandidateSkill[] skills) => new(
        Guid.Parse("00000000-0000-0000-0000-000000000001"), ProfessionalStatus.Active, "America/Sao_Paulo", new LocalTime(9, 0), new LocalTime(17, 0),
        WorkDays.Weekdays, EnglishLevel.C1, Seniority.Senior, 44m, new LocalDate(2027, 3, 15), "BR", CitySize.Town, true, skills);

    [Fact]
    public void Explains_related_skill_credit_in_plain_words()
    {
        var evaluation = Scorer.Evaluate(Project(new ProjectSkillRequirement(10, 3, false), new ProjectSkillRequirement(12, 3, true)), Professional(new CandidateSkill(11, 4, 3), new CandidateSkill(12, 5, 6)));

        Assert.Contains("No Next.js (optional); React (related, 0.6) gives partial credit.", evaluation.Explanation);
        Assert.Contains("Has TypeScript (level 5, needs 3).", evaluation.Explanation);
        Assert.Equal([12], evaluation.MatchedSkillIds);
        Assert.Equal([10], evaluation.MissingSkillIds);
    }

    [Fact]
    public void Explains_the_overlap_change_when_the_US_switches_to_daylight_time()
    {
        // São Paulo 09–17 = 12–20 UTC; NY 09–17 EST = 14–22 UTC → 6 h, EDT = 13–21 UTC → 7 h.
        var evaluation = Scorer.Evaluate(Project(), Professional());

        Assert.Contains(
            "6.5 h average overlap with the 09:00–17:00 core hours; rises to 7.0 h after America/New_York switches to daylight time on 2027-03-14.",
            evaluation.Explanation);
    }

    [Fact]
    public void Explains_rate_english_and_availability()
    {
        var evaluation = Scorer.Evaluate(Project(), Professional());

        Assert.Contains("Rate is above the budget maximum (rate score 0.90).", evaluation.Explanation);
        Assert.Contains("English C1 meets the B2 minimum.", evaluation.Explanation);
        Assert.Contains("Available 14 days after the start date (2027-03-15).", evaluation.Explanation);
        Assert.Equal(0.9m, evaluation.Breakdown.Rate);
        Assert.Equal(0.8444m, evaluation.Breakdown.Availability);
    }
}
