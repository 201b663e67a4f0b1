using NodaTime;

namespace NearshoreHub.Matching;

public enum DirectorySort { Name, NameDescending, UpdatedAt, UpdatedAtDescending, Rate, RateDescending, Relevance }

/// <summary>
/// One word of a free-text search, normalised exactly as <see cref="CandidateProfile.SearchText"/> is. A person matches
/// it when the word occurs in their searchable text or, with <see cref="SkillId"/>, when they hold that skill.
/// </summary>
public sealed record DirectoryWord(string Text, int? SkillId = null);

public sealed record DirectorySkill(int SkillId, byte MinLevel);

/// <summary>At least <see cref="MinHours"/> of overlap with the window on every weekday of four weeks from <see cref="From"/>.</summary>
public sealed record DirectoryOverlap(string TimeZoneId, LocalTime Start, LocalTime End, double MinHours, LocalDate From);

/// <summary>
/// A recruiter search over every indexed professional, any status. All filters combine with AND; within a list
/// (countries, city sizes, statuses) any value matches. Words all have to match, unless the whole text names a
/// skill (<see cref="PhraseSkillId"/>), whose holders match as well.
/// </summary>
public sealed record DirectoryQuery
{
    public IReadOnlyList<DirectoryWord> Words { get; init; } = [];

    public int? PhraseSkillId { get; init; }

    public IReadOnlyList<DirectorySkill> Skills { get; init; } = [];

    public IReadOnlyList<string> Countries { get; init; } = [];

    public IReadOnlyList<CitySize> CitySizes { get; init; } = [];

    public bool? Rural { get; init; }

    public EnglishLevel? MinEnglish { get; init; }

    public decimal? MaxRate { get; init; }

    public LocalDate? AvailableBy { get; init; }

    public DirectoryOverlap? Overlap { get; init; }

    public IReadOnlyList<CandidateStatus> Statuses { get; init; } = [];

    public DirectorySort Sort { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 50;
}

/// <summary>The ids of one page in order, and how many professionals match in all.</summary>
public sealed record DirectoryPage(int Total, IReadOnlyList<Guid> Ids);
