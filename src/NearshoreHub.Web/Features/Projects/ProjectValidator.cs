using FluentValidation;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Features.Projects;

public sealed class ProjectRequestValidator : AbstractValidator<ProjectRequest>
{
    public const int MaxSkills = 20;

    public ProjectRequestValidator(SkillCatalog catalog, NearshoreHub.Web.Features.Holidays.HolidayCalendars calendars)
    {
        // Holidays (issue 17): the calendars the project observes; absent means ["US"], an empty list means none.
        RuleFor(r => r.HolidayCalendars).ItemCount(0, 10).When(r => r.HolidayCalendars is not null);
        RuleForEach(r => r.HolidayCalendars).MaximumLength(2).Must(c => c is not null && calendars.IsKnownCached(c.Trim().ToUpperInvariant()))
            .WithMessage("Must be a holiday calendar the product has: a country code such as US, BR or MX.");
        RuleFor(r => r.Title).NotEmpty().MaximumLength(200).MustBeVisibleText();
        RuleFor(r => r.Description).MaximumLength(5000);
        RuleFor(r => r.TimeZone).NotEmpty().MaximumLength(Reference.MaxTimeZoneLength).Must(Reference.IsTimeZone).WithMessage("Must be an IANA time zone id, such as America/New_York.");
        RuleFor(r => r.CoreHours).NotNull();
        RuleFor(r => r.CoreHours!).Must(h => h.Start < h.End).WithMessage("The start must be before the end.")
            .OverridePropertyName("coreHours.start").When(r => r.CoreHours is not null);
        RuleFor(r => r.WorkingDays).ItemCount(1, 7).Must(d => d is null || (d.Count > 0 && d.Count == d.Distinct(StringComparer.OrdinalIgnoreCase).Count()))
            .WithMessage("List at least one day, each once.");
        RuleForEach(r => r.WorkingDays).MaximumLength(3).Must(Reference.IsDay).WithMessage("Must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun.");
        RuleFor(r => r.MinOverlapHours).NotNull().InclusiveBetween(0, 24);
        RuleFor(r => r.MinOverlapHours).Must((r, hours) => hours <= (r.CoreHours!.End - r.CoreHours.Start).TotalHours)
            .WithMessage("Cannot exceed the length of the core hours.")
            .When(r => r.CoreHours is not null && r.CoreHours.Start < r.CoreHours.End && r.MinOverlapHours is not null);
        RuleFor(r => r.StartDate).NotNull().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
        RuleFor(r => r.DurationWeeks).NotNull().InclusiveBetween(1, 104);
        RuleFor(r => r.Skills).NotNull().ItemCount(1, MaxSkills).WithMessage($"List between 1 and {MaxSkills} skills.");
        RuleFor(r => r.Skills).Must(s => s is null || s.Select(x => catalog.Resolve(x?.Skill)?.Id).Where(id => id is not null).GroupBy(id => id).All(g => g.Count() == 1))
            .WithMessage("Each skill may be listed once (aliases count as the same skill).");
        RuleForEach(r => r.Skills).NotNull().WithMessage("Must be a skill object, not null.").ChildRules(skill =>
        {
            skill.RuleFor(s => s.Skill).NotEmpty().MaximumLength(80).Must(s => catalog.Resolve(s) is not null).WithMessage((_, s) => catalog.Describe(s ?? ""));
            skill.RuleFor(s => s.MinLevel).InclusiveBetween(1, 5);
            skill.RuleFor(s => s.Weight).GreaterThan(0).LessThanOrEqualTo(100).When(s => s.Weight is not null);
        });
        RuleFor(r => r.HourlyBudgetUsd!).ChildRules(budget =>
        {
            budget.RuleFor(b => b.Min).GreaterThanOrEqualTo(0).LessThanOrEqualTo(10_000).When(b => b.Min is not null);
            budget.RuleFor(b => b.Max).GreaterThanOrEqualTo(0).LessThanOrEqualTo(10_000).When(b => b.Max is not null);
        }).When(r => r.HourlyBudgetUsd is not null);
        RuleFor(r => r.HourlyBudgetUsd!).Must(b => b.Min <= b.Max).WithMessage("The minimum cannot exceed the maximum.")
            .OverridePropertyName("hourlyBudgetUsd.max").When(r => r.HourlyBudgetUsd is { Min: not null, Max: not null });
        RuleFor(r => r.Headcount).InclusiveBetween(1, 1000);
        RuleFor(r => r.Weights!).ChildRules(weights =>
        {
            weights.RuleFor(w => w.Skills).InclusiveBetween(0, 100);
            weights.RuleFor(w => w.Overlap).InclusiveBetween(0, 100);
            weights.RuleFor(w => w.Rate).InclusiveBetween(0, 100);
            weights.RuleFor(w => w.English).InclusiveBetween(0, 100);
            weights.RuleFor(w => w.Availability).InclusiveBetween(0, 100);
            weights.RuleFor(w => w).Must(w => w.Skills + w.Overlap + w.Rate + w.English + w.Availability > 0)
                .WithMessage("At least one weight must be positive.").OverridePropertyName("skills");
        }).When(r => r.Weights is not null);
    }
}

public sealed class ProjectListQueryValidator : AbstractValidator<ProjectListQuery>
{
    public ProjectListQueryValidator()
    {
        this.AddPageRules();
        RuleFor(q => q.Q).MaximumLength(PageQuery.MaxQueryText);
    }
}
