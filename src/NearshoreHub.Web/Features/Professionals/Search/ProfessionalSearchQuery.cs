using System.Globalization;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Features.Professionals;

public sealed record SkillFilter(int SkillId, int MinLevel);

/// <summary>At least <see cref="MinHours"/> of overlap with the window on every weekday of the next four weeks.</summary>
public sealed record OverlapFilter(string TimeZone, TimeOnly Start, TimeOnly End, double MinHours);

/// <summary>A parsed, validated recruiter search (product spec §5); shared by the API, the export and the search page.</summary>
public sealed record ProfessionalSearchQuery
{
    public const double DefaultMinOverlapHours = 1;

    public string? Text { get; init; }
    public IReadOnlyList<SkillFilter> Skills { get; init; } = [];
    public IReadOnlyList<string> Countries { get; init; } = [];
    public IReadOnlyList<string> CitySizes { get; init; } = [];
    public bool? Rural { get; init; }
    public EnglishLevel? MinEnglish { get; init; }
    public decimal? MaxRate { get; init; }
    public DateOnly? AvailableBy { get; init; }
    public OverlapFilter? Overlap { get; init; }
    public IReadOnlyList<ProfessionalStatus> Statuses { get; init; } = [];
    public SearchSort Sort { get; init; } = SearchSort.Name;
    public int Offset { get; init; }
    public int Limit { get; init; } = 50;

    /// <summary>The free text as terms (product spec §13): words and phrases to find, and those to exclude.</summary>
    public IReadOnlyList<SearchTerm> Terms { get; init; } = [];
    public IReadOnlyList<SkillFilter> NotSkills { get; init; } = [];
    public IReadOnlyList<string> NotCountries { get; init; } = [];
    public IReadOnlyList<string> NotCitySizes { get; init; } = [];

    /// <summary>Leaves out everyone on this project's shortlist who is not rejected.</summary>
    public Guid? ExcludeShortlistedFor { get; init; }

    /// <summary>Only professionals whose last create, update or changing import is after this instant (a saved search's news).</summary>
    public DateTimeOffset? ChangedAfter { get; init; }
}
