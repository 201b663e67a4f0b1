using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Projects;
using NodaTime;

namespace NearshoreHub.Benchmarks.Ranking;

internal sealed record BenchSkill(string Name, byte MinLevel, bool Required, double Weight = 1);

/// <summary>
/// A US client project as the benchmark ranks it: core hours 09:00–17:00 Mon–Fri in its zone, 12 weeks from a
/// fixed start date (so runs are comparable and the weeks cross the 2027 DST changes), default score weights.
/// </summary>
internal sealed record BenchProject(
    string Name,
    string TimeZone,
    double MinOverlapHours,
    LocalDate StartDate,
    EnglishLevel? MinEnglish,
    decimal? BudgetMin,
    decimal? BudgetMax,
    IReadOnlyList<BenchSkill> Skills)
{
    public const int DurationWeeks = 12;

    public static readonly LocalTime CoreStart = new(9, 0);
    public static readonly LocalTime CoreEnd = new(17, 0);

    /// <summary>
    /// Common skills (JavaScript, Java, Python, React, SQL…) whose posting lists hold hundreds of thousands of
    /// people, rare ones (LangChain, Hugging Face Transformers, Scala: about 0.5 % of seeded people each), projects with and without required skills, and a mix of
    /// English minimums and budgets.
    /// </summary>
    public static IReadOnlyList<BenchProject> All { get; } =
    [
        new("frontend-react", "America/New_York", 4, new LocalDate(2027, 1, 11), null, null, null,
        [
            new("JavaScript", 3, true), new("React", 3, true), new("TypeScript", 3, false), new("Next.js", 2, false),
        ]),
        new("java-backend", "America/Chicago", 5, new LocalDate(2027, 2, 1), EnglishLevel.B2, null, 55m,
        [
            new("Java", 4, true), new("Spring Boot", 3, true), new("SQL", 3, false), new("Apache Kafka", 2, false), new("Docker", 2, false),
        ]),
        new("python-data", "America/Denver", 4, new LocalDate(2027, 3, 1), null, 35m, 70m,
        [
            new("Python", 3, true), new("SQL", 2, true), new("Pandas", 3, false, 2), new("Apache Spark", 3, false),
            new("Apache Airflow", 2, false), new("scikit-learn", 2, false),
        ]),
        new("rare-genai", "America/Los_Angeles", 4, new LocalDate(2027, 1, 18), EnglishLevel.B2, null, null,
        [
            new("LangChain", 2, true), new("Hugging Face Transformers", 2, false), new("Python", 3, false),
            new("Natural Language Processing", 2, false),
        ]),
        new("fullstack-8", "America/New_York", 5, new LocalDate(2027, 3, 8), EnglishLevel.B1, null, 60m,
        [
            new("JavaScript", 2, true), new("Node.js", 3, true), new("TypeScript", 3, false), new("React", 3, false),
            new("PostgreSQL", 2, false), new("Docker", 2, false), new("AWS", 2, false), new("GraphQL", 1, false, 0.5),
        ]),
        new("platform-optional", "America/Phoenix", 4, new LocalDate(2027, 2, 15), null, null, 80m,
        [
            new("Go", 4, false, 2), new("Kubernetes", 3, false), new("Terraform", 3, false), new("Scala", 3, false, 0.5),
        ]),
        // One very common required skill: the required-skill path with the largest list to score.
        new("sql-common", "America/New_York", 4, new LocalDate(2027, 3, 1), null, null, null,
        [
            new("SQL", 2, true), new("Python", 3, false), new("Java", 3, false),
        ]),
    ];

    public ProjectQuery ToQuery(IReadOnlyDictionary<string, int> skillIds) => new(
        TimeZone,
        CoreStart,
        CoreEnd,
        WorkDays.Weekdays,
        MinOverlapHours,
        StartDate,
        DurationWeeks,
        Skills.Select(s => new ProjectSkillRequirement(
            skillIds.TryGetValue(s.Name, out var id) ? id : throw new InvalidOperationException($"Skill '{s.Name}' is not in the skills table."),
            s.MinLevel, s.Required, s.Weight)).ToList(),
        MinEnglish,
        BudgetMin,
        BudgetMax,
        null,
        ScoreWeights.Default);

    /// <summary>The same project as the API takes it (skills by name, in the same order, so positions match).</summary>
    /// <param name="holidayCalendars">Null for the API's default (<c>["US"]</c>); empty for holidays off.</param>
    public ProjectRequest ToRequest(Guid companyId, IReadOnlyList<string>? holidayCalendars = null) => new(
        companyId,
        $"Benchmark {Name}",
        "Created by the ranking benchmark.",
        TimeZone,
        new WorkingHoursDto(CoreStart.ToTimeOnly(), CoreEnd.ToTimeOnly()),
        ["Mon", "Tue", "Wed", "Thu", "Fri"],
        MinOverlapHours,
        StartDate.ToDateOnly(),
        DurationWeeks,
        Skills.Select(s => new ProjectSkillRequest(s.Name, s.MinLevel, s.Required, s.Weight)).ToList(),
        MinEnglish,
        BudgetMin is null && BudgetMax is null ? null : new BudgetDto(BudgetMin, BudgetMax),
        null,
        1,
        null,
        null,
        holidayCalendars);

    public string Describe() =>
        $"{Skills.Count} skills ({string.Join(", ", Skills.Select(s => $"{s.Name}{(s.Required ? "*" : "")}"))}), {TimeZone}, ≥{MinOverlapHours} h" +
        (MinEnglish is { } e ? $", English ≥ {e}" : "") +
        (BudgetMax is { } max ? $", budget ≤ {max} USD/h" : "");
}
