using NodaTime;

namespace NearshoreHub.Matching;

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

    public IReadOnlyList<ProfessionalStatus> Statuses { get; init; } = [];

    /// <summary>Words or phrases that exclude whoever they would match as one of <see cref="Words"/> (name, later text or skill).</summary>
    public IReadOnlyList<DirectoryWord> NotWords { get; init; } = [];

    /// <summary>Excludes whoever holds any of these skills at or above its level.</summary>
    public IReadOnlyList<DirectorySkill> NotSkills { get; init; } = [];

    public IReadOnlyList<string> NotCountries { get; init; } = [];

    public IReadOnlyList<CitySize> NotCitySizes { get; init; } = [];

    /// <summary>Professionals left out by id (e.g. a project's shortlist).</summary>
    public IReadOnlyCollection<Guid> ExcludedIds { get; init; } = [];

    /// <summary>Only professionals whose last change (<see cref="CandidateProfile.UpdatedAt"/>) is after this instant.</summary>
    public Instant? ChangedAfter { get; init; }

    public SearchSort Sort { get; init; }

    public int Offset { get; init; }

    public int Limit { get; init; } = 50;
}
