using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Features.Professionals;

public sealed record WorkingHoursDto(TimeOnly Start, TimeOnly End);

public sealed record SkillLevelRequest(string? Skill, int Level, int Years);

public sealed record SkillLevelDto(string Skill, string Slug, int Level, int Years);

public sealed record ProfessionalRequest(
    string? FullName,
    string? Email,
    string? Headline,
    string? Country,
    string? City,
    int? CityPopulation,
    bool? IsRural,
    string? TimeZone,
    WorkingHoursDto? WorkingHours,
    IReadOnlyList<string>? WorkingDays,
    IReadOnlyList<SkillLevelRequest>? Skills,
    EnglishLevel? EnglishLevel,
    Seniority? Seniority,
    decimal? HourlyRateUsd,
    DateOnly? AvailableFrom,
    int? HoursPerWeek,
    ProfessionalStatus? Status);

public sealed record ProfessionalDto(
    Guid Id,
    string FullName,
    string Email,
    string Headline,
    string Country,
    string City,
    int CityPopulation,
    CitySize CitySize,
    bool IsRural,
    string TimeZone,
    WorkingHoursDto WorkingHours,
    IReadOnlyList<string> WorkingDays,
    IReadOnlyList<SkillLevelDto> Skills,
    EnglishLevel EnglishLevel,
    Seniority Seniority,
    decimal HourlyRateUsd,
    DateOnly AvailableFrom,
    int HoursPerWeek,
    ProfessionalStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
