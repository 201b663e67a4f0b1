using System.Globalization;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Pages.Projects;

/// <summary>
/// The project form as typed. It turns into the API's <see cref="ProjectRequest"/> so the same validator and the same
/// write run for pages and API; the validator's field paths map back onto these inputs.
/// </summary>
public sealed class ProjectInput
{
    /// <summary>Rows offered on the form; pages work without scripts, so there is no "add row" button.</summary>
    public const int SkillRows = 8;

    public Guid? CompanyId { get; set; }
    public string? Title { get; set; }
    public string? Description { get; set; }
    public string? TimeZone { get; set; } = "America/New_York";
    public TimeOnly? CoreStart { get; set; } = new(9, 0);
    public TimeOnly? CoreEnd { get; set; } = new(17, 0);
    /// <summary>Empty by default: unticked boxes post nothing, and a default here would quietly tick them again.</summary>
    public List<string> WorkingDays { get; set; } = [];
    public double? MinOverlapHours { get; set; } = 4;
    public DateOnly? StartDate { get; set; }
    public int? DurationWeeks { get; set; } = 12;
    public List<ProjectSkillInput> Skills { get; set; } = [];
    public EnglishLevel? MinEnglishLevel { get; set; }
    public decimal? BudgetMin { get; set; }
    public decimal? BudgetMax { get; set; }
    public Seniority? Seniority { get; set; }
    public int? Headcount { get; set; } = 1;
    public ProjectStatus? Status { get; set; } = ProjectStatus.Open;
    /// <summary>Holiday calendars as typed, comma-separated country codes (e.g. "US, BR"); empty means none.</summary>
    public string? HolidayCalendars { get; set; } = "US";
    public double? WeightSkills { get; set; }
    public double? WeightOverlap { get; set; }
    public double? WeightRate { get; set; }
    public double? WeightEnglish { get; set; }
    public double? WeightAvailability { get; set; }
    /// <summary>The version the form was loaded from, so a save never overwrites someone else's newer edit.</summary>
    public uint? Version { get; set; }

    /// <summary>Keeps what was typed and tops the skill rows up to <see cref="SkillRows"/>.</summary>
    public void PadSkillRows()
    {
        while (Skills.Count < SkillRows)
        {
            Skills.Add(new ProjectSkillInput());
        }
    }

    private List<int> FilledRows() =>
        Skills.Select((s, i) => (s, i)).Where(x => !string.IsNullOrWhiteSpace(x.s.Skill)).Select(x => x.i).ToList();

    public ProjectRequest ToRequest()
    {
        var weights = new[] { WeightSkills, WeightOverlap, WeightRate, WeightEnglish, WeightAvailability };
        return new ProjectRequest(
            CompanyId,
            Title,
            Description,
            TimeZone?.Trim(),
            CoreStart is { } start && CoreEnd is { } end ? new WorkingHoursDto(start, end) : null,
            WorkingDays,
            MinOverlapHours,
            StartDate,
            DurationWeeks,
            FilledRows().Select(i => Skills[i]).Select(s => new ProjectSkillRequest(s.Skill!.Trim(), s.MinLevel ?? 0, s.Required, s.Weight)).ToList(),
            MinEnglishLevel,
            BudgetMin is null && BudgetMax is null ? null : new BudgetDto(BudgetMin, BudgetMax),
            Seniority,
            Headcount,
            Status,
            weights.All(w => w is null) ? null
                : new WeightsDto(WeightSkills ?? 0, WeightOverlap ?? 0, WeightRate ?? 0, WeightEnglish ?? 0, WeightAvailability ?? 0),
            (HolidayCalendars ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Where each of the validator's paths shows on this form.</summary>
    public string FormPath(string path)
    {
        if (path.StartsWith("skills[", StringComparison.Ordinal))
        {
            // "skills[1]" counts filled rows only; the form shows all rows.
            var close = path.IndexOf(']', StringComparison.Ordinal);
            var index = int.Parse(path[7..close], CultureInfo.InvariantCulture);
            var rows = FilledRows();
            return index < rows.Count ? $"skills[{rows[index]}]{path[(close + 1)..]}" : "skills";
        }

        return path switch
        {
            "coreHours" or "coreHours.start" => "coreStart",
            "coreHours.end" => "coreEnd",
            "hourlyBudgetUsd.min" => "budgetMin",
            "hourlyBudgetUsd.max" or "hourlyBudgetUsd" => "budgetMax",
            _ when path.StartsWith("workingDays", StringComparison.Ordinal) => "workingDays",
            _ when path.StartsWith("holidayCalendars", StringComparison.Ordinal) => "holidayCalendars",
            _ when path.StartsWith("weights.", StringComparison.Ordinal) => "weight" + char.ToUpperInvariant(path[8]) + path[9..],
            "weights" => "weightSkills",
            _ => path,
        };
    }

    public static ProjectInput From(Project p, SkillCatalog catalog) => new()
    {
        CompanyId = p.CompanyId,
        Title = p.Title,
        Description = p.Description,
        TimeZone = p.TimeZone,
        CoreStart = p.CoreStart,
        CoreEnd = p.CoreEnd,
        WorkingDays = Reference.FromMask(p.WorkDays).ToList(),
        MinOverlapHours = p.MinOverlapHours,
        StartDate = p.StartDate,
        DurationWeeks = p.DurationWeeks,
        Skills = p.Skills.OrderBy(s => s.Position)
            .Select(s => new ProjectSkillInput { Skill = catalog.Get(s.SkillId)?.Name, MinLevel = s.MinLevel, Required = s.Required, Weight = s.Weight })
            .ToList(),
        MinEnglishLevel = p.MinEnglishLevel,
        BudgetMin = p.BudgetMinUsd,
        BudgetMax = p.BudgetMaxUsd,
        Seniority = p.Seniority,
        Headcount = p.Headcount,
        Status = p.Status,
        WeightSkills = p.Weights?.Skills,
        WeightOverlap = p.Weights?.Overlap,
        WeightRate = p.Weights?.Rate,
        WeightEnglish = p.Weights?.English,
        WeightAvailability = p.Weights?.Availability,
        Version = p.Version,
        HolidayCalendars = string.Join(", ", p.HolidayCalendars),
    };
}

public sealed class ProjectSkillInput
{
    public string? Skill { get; set; }
    public int? MinLevel { get; set; } = 3;
    public bool Required { get; set; }
    public double? Weight { get; set; }
}
