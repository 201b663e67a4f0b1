using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Features.Projects;

/// <summary>One skill a project asks for; <c>required</c> left out or null means optional.</summary>
public sealed record ProjectSkillRequest(string? Skill, int MinLevel, bool? Required, double? Weight);

public sealed record BudgetDto(decimal? Min, decimal? Max);

public sealed record WeightsDto(double Skills, double Overlap, double Rate, double English, double Availability);

public sealed record ProjectRequest(
    Guid? CompanyId,
    string? Title,
    string? Description,
    string? TimeZone,
    WorkingHoursDto? CoreHours,
    IReadOnlyList<string>? WorkingDays,
    double? MinOverlapHours,
    DateOnly? StartDate,
    int? DurationWeeks,
    IReadOnlyList<ProjectSkillRequest>? Skills,
    EnglishLevel? MinEnglishLevel,
    BudgetDto? HourlyBudgetUsd,
    Seniority? Seniority,
    int? Headcount,
    ProjectStatus? Status,
    WeightsDto? Weights,
    IReadOnlyList<string>? HolidayCalendars = null);

public sealed record ProjectSkillDto(string Skill, string Slug, int MinLevel, bool Required, double Weight);

public sealed record ProjectDto(
    Guid Id,
    Guid CompanyId,
    string Title,
    string Description,
    string TimeZone,
    WorkingHoursDto CoreHours,
    IReadOnlyList<string> WorkingDays,
    double MinOverlapHours,
    DateOnly StartDate,
    int DurationWeeks,
    IReadOnlyList<ProjectSkillDto> Skills,
    EnglishLevel? MinEnglishLevel,
    BudgetDto? HourlyBudgetUsd,
    Seniority? Seniority,
    int Headcount,
    ProjectStatus Status,
    WeightsDto? Weights,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<string> HolidayCalendars);

public sealed record ProjectListQuery : PageQuery
{
    public Guid? CompanyId { get; init; }
    public ProjectStatus? Status { get; init; }
    public string? Q { get; init; }
}
