using NodaTime;

namespace NearshoreHub.Matching;

public sealed record CandidateSkill(int SkillId, byte Level, byte Years);

/// <summary>A professional as the matching library sees it. Location fields feed representation only, never scores.</summary>
public sealed record CandidateRecord(
    Guid Id,
    CandidateStatus Status,
    string TimeZoneId,
    LocalTime WorkStart,
    LocalTime WorkEnd,
    WorkDays WorkDays,
    EnglishLevel English,
    Seniority Seniority,
    decimal HourlyRateUsd,
    LocalDate AvailableFrom,
    string Country,
    CitySize CitySize,
    bool IsRural,
    IReadOnlyList<CandidateSkill> Skills)
{
    public WorkSchedule Schedule => new(TimeZoneId, WorkStart, WorkEnd, WorkDays);

    /// <summary>What recruiter search reads besides the ranking fields; null means no searchable text (ranking-only use).</summary>
    public CandidateProfile? Profile { get; init; }
}

/// <summary>
/// The searchable side of a candidate. <see cref="SearchText"/> is lower-case and accent-free (the caller normalises it
/// exactly as it normalises search words) and starts with the name: its first <see cref="NameLength"/> characters are
/// the name, the rest (headline, city …) follows after a space. Name order and relevance read the name part only.
/// </summary>
public sealed record CandidateProfile(string SearchText, int NameLength, Instant UpdatedAt)
{
    public string Name => SearchText[..Math.Clamp(NameLength, 0, SearchText.Length)];

    public string Rest => SearchText[Math.Clamp(NameLength, 0, SearchText.Length)..];
}

/// <summary>One project skill; <see cref="MinLevel"/> 1–5, <see cref="Weight"/> &gt; 0.</summary>
public sealed record ProjectSkillRequirement(int SkillId, byte MinLevel, bool Required, double Weight = 1);

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

public sealed record RelatedSkill(int SkillId, double Similarity);

/// <summary>Skill names and related-skill similarities (aliases are resolved to ids before they reach the library).</summary>
public interface ISkillRelations
{
    /// <summary>Skills related to <paramref name="skillId"/>, with similarity in (0, 1).</summary>
    IReadOnlyList<RelatedSkill> RelatedTo(int skillId);

    string NameOf(int skillId);
}

/// <summary>An immutable, symmetric skill-similarity graph.</summary>
public sealed class SkillGraph : ISkillRelations
{
    private readonly Dictionary<int, RelatedSkill[]> _related;
    private readonly Dictionary<int, string> _names;

    public SkillGraph(IEnumerable<(int A, int B, double Similarity)> relations, IReadOnlyDictionary<int, string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(relations);
        var best = new Dictionary<(int, int), double>();
        foreach (var (a, b, similarity) in relations)
        {
            if (a == b)
            {
                continue;
            }

            if (!(similarity > 0 && similarity < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(relations), similarity, "Similarity must be in (0, 1).");
            }

            foreach (var key in new[] { (a, b), (b, a) })
            {
                best[key] = best.TryGetValue(key, out var existing) ? Math.Max(existing, similarity) : similarity;
            }
        }

        _related = best
            .GroupBy(p => p.Key.Item1)
            .ToDictionary(g => g.Key, g => g.Select(p => new RelatedSkill(p.Key.Item2, p.Value)).OrderBy(r => r.SkillId).ToArray());
        _names = names is null ? [] : new Dictionary<int, string>(names);
    }

    public static SkillGraph Empty { get; } = new([]);

    public IReadOnlyList<RelatedSkill> RelatedTo(int skillId) => _related.TryGetValue(skillId, out var list) ? list : [];

    public string NameOf(int skillId) => _names.TryGetValue(skillId, out var name) ? name : $"skill #{skillId}";
}
