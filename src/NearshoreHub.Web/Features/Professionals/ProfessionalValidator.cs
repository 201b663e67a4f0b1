using FluentValidation;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Features.Professionals;

public sealed class ProfessionalRequestValidator : AbstractValidator<ProfessionalRequest>
{
    public const int MaxSkills = 50;

    public ProfessionalRequestValidator(SkillCatalog catalog)
    {
        RuleFor(r => r.FullName).NotEmpty().MaximumLength(200).MustBeVisibleText();
        RuleFor(r => r.Email).NotEmpty().MaximumLength(254).Must(EmailRules.IsValid).WithMessage("Must be a valid email address.");
        RuleFor(r => r.Headline).MaximumLength(300).MustBeVisibleText();
        RuleFor(r => r.Country).NotEmpty().MaximumLength(2).Must(Reference.IsCountry).WithMessage("Must be an ISO 3166-1 alpha-2 country code, such as BR.");
        RuleFor(r => r.City).NotEmpty().MaximumLength(120).MustBeVisibleText();
        RuleFor(r => r.CityPopulation).NotNull().InclusiveBetween(0, 50_000_000);
        RuleFor(r => r.TimeZone).NotEmpty().MaximumLength(Reference.MaxTimeZoneLength).Must(Reference.IsTimeZone).WithMessage("Must be an IANA time zone id, such as America/Sao_Paulo.");
        RuleFor(r => r.WorkingHours).NotNull();
        RuleFor(r => r.WorkingHours!).Must(h => h.Start < h.End).WithMessage("The start must be before the end.")
            .OverridePropertyName("workingHours.start").When(r => r.WorkingHours is not null);
        RuleFor(r => r.WorkingDays).ItemCount(1, 7).Must(d => d is null || (d.Count > 0 && d.Count == d.Distinct(StringComparer.OrdinalIgnoreCase).Count()))
            .WithMessage("List at least one day, each once.");
        RuleForEach(r => r.WorkingDays).MaximumLength(3).Must(Reference.IsDay).WithMessage("Must be one of Mon, Tue, Wed, Thu, Fri, Sat, Sun.");
        RuleFor(r => r.Skills).NotNull().ItemCount(0, MaxSkills).WithMessage($"At most {MaxSkills} skills.");
        RuleFor(r => r.Skills).Must(s => s is null || s.Select(x => catalog.Resolve(x?.Skill)?.Id).Where(id => id is not null).GroupBy(id => id).All(g => g.Count() == 1))
            .WithMessage("Each skill may be listed once (aliases count as the same skill).");
        RuleForEach(r => r.Skills).NotNull().WithMessage("Must be a skill object, not null.").ChildRules(skill =>
        {
            skill.RuleFor(s => s.Skill).NotEmpty().MaximumLength(80).Must(s => catalog.Resolve(s) is not null).WithMessage((_, s) => catalog.Describe(s ?? ""));
            skill.RuleFor(s => s.Level).InclusiveBetween(1, 5);
            skill.RuleFor(s => s.Years).InclusiveBetween(0, 60);
        });
        RuleFor(r => r.EnglishLevel).NotNull();
        RuleFor(r => r.Seniority).NotNull();
        RuleFor(r => r.HourlyRateUsd).NotNull().GreaterThanOrEqualTo(0).LessThanOrEqualTo(10_000).PrecisionScale(10, 2, true);
        RuleFor(r => r.AvailableFrom).NotNull().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
        RuleFor(r => r.HoursPerWeek).InclusiveBetween(1, 80);
    }

    internal static bool NoControlCharacters(string? value) => TextRules.IsVisibleText(value);
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

/// <summary>
/// The rules of <see cref="ProfessionalRequestValidator"/> written out by hand for the import, where running
/// FluentValidation on every row cost most of the parsing time. It may only answer true for a request the
/// validator accepts; anything it doubts goes to the validator, whose messages the caller then reports, so the
/// two must change together (ProfessionalFastCheckTests compares them).
/// </summary>
public static class ProfessionalFastCheck
{
    private static readonly DateOnly FirstDate = new(2000, 1, 1);
    private static readonly DateOnly LastDate = new(2100, 12, 31);

    public static bool Passes(ProfessionalRequest r, SkillCatalog catalog) =>
        Passes(r, catalog.Resolve, stackalloc int[ProfessionalRequestValidator.MaxSkills], out _);

    /// <summary>
    /// As <see cref="Passes(ProfessionalRequest, SkillCatalog)"/>, also giving what the check worked out on the way:
    /// the skills' ids in request order (<paramref name="skillIds"/> holds <see cref="ProfessionalRequestValidator.MaxSkills"/>)
    /// and the working days as <see cref="Reference.ToMask"/> stores them.
    /// </summary>
    internal static bool Passes(ProfessionalRequest r, Func<string, SkillInfo?> resolve, Span<int> skillIds, out short workDays)
    {
        workDays = 0;
        if (!Text(r.FullName, 200, required: true) || !Text(r.Headline, 300, required: false) || !Text(r.City, 120, required: true)
            || r.Email is null || !IsPlainEmail(r.Email)
            || !Reference.IsCountry(r.Country)
            || r.CityPopulation is not (>= 0 and <= 50_000_000)
            || string.IsNullOrWhiteSpace(r.TimeZone) || !Reference.IsTimeZone(r.TimeZone)
            || r.WorkingHours is null || r.WorkingHours.Start >= r.WorkingHours.End
            || r.EnglishLevel is null || r.Seniority is null
            || r.HourlyRateUsd is not { } rate || rate < 0 || rate > 10_000 || decimal.Round(rate, 2) != rate
            || r.AvailableFrom is not { } from || from < FirstDate || from > LastDate
            || r.HoursPerWeek is < 1 or > 80)
        {
            return false;
        }

        int seen = Reference.ToMask(null); // no days given: the weekdays
        if (r.WorkingDays is { } days)
        {
            seen = 0;
            foreach (var day in days)
            {
                var index = DayIndex(day);
                if (index < 0 || (seen & (1 << index)) != 0)
                {
                    return false;
                }

                seen |= 1 << index;
            }

            if (seen == 0)
            {
                return false;
            }
        }

        if (r.Skills is not { Count: <= ProfessionalRequestValidator.MaxSkills } skills)
        {
            return false;
        }

        var ids = skillIds[..skills.Count];
        for (var i = 0; i < skills.Count; i++)
        {
            var skill = skills[i];
            if (skill is null || string.IsNullOrWhiteSpace(skill.Skill) || skill.Level is < 1 or > 5 || skill.Years is < 0 or > 60
                || resolve(skill.Skill) is not { } info || ids[..i].Contains(info.Id))
            {
                return false;
            }

            ids[i] = info.Id;
        }

        workDays = (short)seen;
        return true;
    }

    private static int DayIndex(string? day)
    {
        if (day is not null)
        {
            for (var i = 0; i < Reference.DayNames.Length; i++)
            {
                if (string.Equals(Reference.DayNames[i], day, StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }

        return -1;
    }

    private static bool Text(string? value, int maxLength, bool required)
    {
        if (value is null)
        {
            return !required;
        }

        if (value.Length > maxLength || (required && string.IsNullOrWhiteSpace(value)))
        {
            return false;
        }

        return TextRules.IsVisibleText(value);
    }

    /// <summary>
    /// The email pattern of <see cref="EmailRules"/> without the regex engine: a local part of the allowed characters,
    /// one @, then two or more dot-separated labels of letters, digits and inner hyphens, at most 63 long; no "..".
    /// </summary>
    internal static bool IsPlainEmail(string email)
    {
        if (email.Length is 0 or > 254)
        {
            return false;
        }

        var at = email.IndexOf('@');
        if (at <= 0)
        {
            return false;
        }

        for (var i = 0; i < at; i++)
        {
            var c = email[i];
            if (!char.IsAsciiLetterOrDigit(c) && ".!#$%&'*+/=?^_`{|}~-".IndexOf(c) < 0)
            {
                return false;
            }

            if (c == '.' && i > 0 && email[i - 1] == '.')
            {
                return false;
            }
        }

        var labels = 0;
        var start = at + 1;
        while (true)
        {
            var end = email.IndexOf('.', start);
            var label = email.AsSpan(start, (end < 0 ? email.Length : end) - start);
            if (label.Length is 0 or > 63 || !char.IsAsciiLetterOrDigit(label[0]) || !char.IsAsciiLetterOrDigit(label[^1]))
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            labels++;
            if (end < 0)
            {
                return labels >= 2;
            }

            start = end + 1;
        }
    }
}
