using NearshoreHub.Matching;

namespace NearshoreHub.Web.Data.Entities;

public enum ProjectStatus { Open, Filled, Closed }

public sealed class Project
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    public required string TimeZone { get; set; }
    public TimeOnly CoreStart { get; set; }
    public TimeOnly CoreEnd { get; set; }
    public short WorkDays { get; set; }
    public double MinOverlapHours { get; set; }
    public DateOnly StartDate { get; set; }
    public int DurationWeeks { get; set; }
    public EnglishLevel? MinEnglishLevel { get; set; }
    public decimal? BudgetMinUsd { get; set; }
    public decimal? BudgetMaxUsd { get; set; }
    public Seniority? Seniority { get; set; }
    public int Headcount { get; set; }
    public ProjectStatus Status { get; set; }
    /// <summary>Null means the default weights; otherwise all five are set together.</summary>
    public ProjectWeights? Weights { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
    public Company? Company { get; set; }
    public List<ProjectSkill> Skills { get; set; } = [];
    /// <summary>Country codes of the holiday calendars the project observes (product spec §9).</summary>
    public List<string> HolidayCalendars { get; set; } = ["US"];
}

public sealed class ProjectWeights
{
    public double Skills { get; set; }
    public double Overlap { get; set; }
    public double Rate { get; set; }
    public double English { get; set; }
    public double Availability { get; set; }
}

public sealed class ProjectSkill
{
    public Guid ProjectId { get; set; }
    public int SkillId { get; set; }
    public short MinLevel { get; set; }
    public bool Required { get; set; }
    public double Weight { get; set; }
    public int Position { get; set; }
    public Skill? Skill { get; set; }
}
