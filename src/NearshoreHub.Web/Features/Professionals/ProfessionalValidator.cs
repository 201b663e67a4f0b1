using FluentValidation;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Features.Professionals;

public sealed class ProfessionalRequestValidator : AbstractValidator<ProfessionalRequest>
{
    public const int MaxSkills = 50;

    public ProfessionalRequestValidator(SkillCatalog catalog)
    {
        RuleFor(r => r.FullName).NotEmpty().MaximumLength(200).Must(NoControlCharacters).WithMessage("Must not contain control characters.");
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).Must(EmailRules.IsValid).WithMessage("Must be a valid email address.");
        RuleFor(r => r.Headline).MaximumLength(300).Must(NoControlCharacters).WithMessage("Must not contain control characters.");
        RuleFor(r => r.Country).NotEmpty().Must(Reference.IsCountry).WithMessage("Must be an ISO 3166-1 alpha-2 country code, such as BR.");
        RuleFor(r => r.City).NotEmpty().MaximumLength(120).Must(NoControlCharacters).WithMessage("Must not contain control characters.");
        RuleFor(r => r.CityPopulation).NotNull().InclusiveBetween(0, 50_000_000);
        RuleFor(r => r.TimeZone).NotEmpty().Must(Reference.IsTimeZone).WithMessage("Must be an IANA time zone id, such as America/Sao_Paulo.");
        RuleFor(r => r.WorkingHours).NotNull();
        RuleFor(r => r.WorkingHours!).Must(h => h.Start < h.End).WithMessage("The start must be before the end.")
            .OverridePropertyName("workingHours.start").When(r => r.WorkingHours is not null);
        RuleFor(r => r.WorkingDays).Must(d => d is null || (d.Count > 0 && d.Count == d.Distinct(StringComparer.OrdinalIgnoreCase).Count()))
            .WithMessage("List at least one day, each once.");
        RuleForEach(r => r.WorkingDays).Must(Reference.IsDay).WithMessage("Must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun.");
        RuleFor(r => r.Skills).NotNull().Must(s => s is null || s.Count <= MaxSkills).WithMessage($"At most {MaxSkills} skills.");
        RuleFor(r => r.Skills).Must(s => s is null || s.Select(x => catalog.Resolve(x?.Skill)?.Id).Where(id => id is not null).GroupBy(id => id).All(g => g.Count() == 1))
            .WithMessage("Each skill may be listed once (aliases count as the same skill).");
        RuleForEach(r => r.Skills).NotNull().WithMessage("Must be a skill object, not null.").ChildRules(skill =>
        {
            skill.RuleFor(s => s.Skill).NotEmpty().Must(s => catalog.Resolve(s) is not null).WithMessage((_, s) => catalog.Describe(s ?? ""));
            skill.RuleFor(s => s.Level).InclusiveBetween(1, 5);
            skill.RuleFor(s => s.Years).InclusiveBetween(0, 60);
        });
        RuleFor(r => r.EnglishLevel).NotNull();
        RuleFor(r => r.Seniority).NotNull();
        RuleFor(r => r.HourlyRateUsd).NotNull().GreaterThanOrEqualTo(0).LessThanOrEqualTo(10_000).PrecisionScale(10, 2, true);
        RuleFor(r => r.AvailableFrom).NotNull().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
        RuleFor(r => r.HoursPerWeek).InclusiveBetween(1, 80);
    }

    internal static bool NoControlCharacters(string? value) => value is null || !value.Any(char.IsControl);
}

public static class EmailRules
{
    private static readonly System.Text.RegularExpressions.Regex Pattern = new(
        @"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$",
        // NonBacktracking runs in linear time, so no input can make it slow and no timeout is needed
        // (a timeout fired on ordinary addresses when the machine was busy).
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.NonBacktracking);

    public static bool IsValid(string? email) => email is { Length: <= 254 } && Pattern.IsMatch(email) && !email.Contains("..", StringComparison.Ordinal);
}
