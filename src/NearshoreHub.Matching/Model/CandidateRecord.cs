using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>A professional as the matching library sees it. Location fields feed representation only, never scores.</summary>
public sealed record CandidateRecord(
    Guid Id,
    ProfessionalStatus Status,
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
