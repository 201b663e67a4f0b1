using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.OpenApi;
using NodaTime;
using NodaTime.Text;

namespace NearshoreHub.Web.Features.Tools;

public sealed class OverlapToolQueryValidator : AbstractValidator<OverlapToolQuery>
{
    public OverlapToolQueryValidator(NearshoreHub.Web.Features.Holidays.HolidayCalendars calendars)
    {
        RuleFor(q => q.ClientHolidays).Must(c => Calendars(c).All(calendars.IsKnownCached))
            .WithMessage("Must be a comma list of holiday calendars (country codes such as US,BR) the product has.");
        RuleFor(q => q.ProfessionalHolidays).Must(c => Calendars(c).All(calendars.IsKnownCached))
            .WithMessage("Must be a comma list of holiday calendars (country codes such as AR) the product has.");
        RuleFor(q => q.From).Must((q, from) => WithinCalendarYears(Date(from)!.Value, q.Weeks))
            .WithMessage("With a holiday calendar named, the engagement must lie within 2024-01-01 and 2035-12-31.")
            .When(q => (Calendars(q.ClientHolidays).Count > 0 || Calendars(q.ProfessionalHolidays).Count > 0) && Date(q.From) is not null);
        RuleFor(q => q.ClientTimeZone).NotEmpty().Must(Reference.IsTimeZone).WithMessage("Must be an IANA time zone id, such as America/New_York.");
        RuleFor(q => q.ProfessionalTimeZone).NotEmpty().Must(Reference.IsTimeZone).WithMessage("Must be an IANA time zone id, such as America/Sao_Paulo.");
        RuleFor(q => q.ClientStart).NotEmpty().Must(t => Time(t) is not null).WithMessage("Must be a time of day as HH:mm.");
        RuleFor(q => q.ClientEnd).NotEmpty().Must(t => Time(t) is not null).WithMessage("Must be a time of day as HH:mm.");
        RuleFor(q => q.ClientEnd).Must((q, end) => Time(q.ClientStart) < Time(end)).WithMessage("The end must be after the start.")
            .When(q => Time(q.ClientStart) is not null && Time(q.ClientEnd) is not null);
        RuleFor(q => q.ProfessionalStart).NotEmpty().Must(t => Time(t) is not null).WithMessage("Must be a time of day as HH:mm.");
        RuleFor(q => q.ProfessionalEnd).NotEmpty().Must(t => Time(t) is not null).WithMessage("Must be a time of day as HH:mm.");
        RuleFor(q => q.ProfessionalEnd).Must((q, end) => Time(q.ProfessionalStart) < Time(end)).WithMessage("The end must be after the start.")
            .When(q => Time(q.ProfessionalStart) is not null && Time(q.ProfessionalEnd) is not null);
        RuleFor(q => q.From).NotEmpty().Must(d => Date(d) is not null).WithMessage("Must be a date as YYYY-MM-DD between 1900 and 2200.");
        RuleFor(q => q.Weeks).NotEmpty()
            .Must(w => int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 104)
            .WithMessage("Must be a whole number of weeks from 1 to 104.");
        RuleFor(q => q.ClientDays).Must(d => Days(d) is not null).WithMessage("Must be a comma list of Mon, Tue, Wed, Thu, Fri, Sat, Sun.");
        RuleFor(q => q.ProfessionalDays).Must(d => Days(d) is not null).WithMessage("Must be a comma list of Mon, Tue, Wed, Thu, Fri, Sat, Sun.");
    }

    internal static IReadOnlyList<string> Calendars(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split(',', StringSplitOptions.TrimEntries).Select(c => c.ToUpperInvariant()).ToList();

    private static bool WithinCalendarYears(LocalDate from, string? weeksText)
    {
        var weeks = int.TryParse(weeksText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 104 ? n : 1;
        var last = from.PlusDays((weeks * 7) - 1);
        return from.Year >= NearshoreHub.Web.Features.Holidays.HolidayCalendars.FirstYear && last.Year <= NearshoreHub.Web.Features.Holidays.HolidayCalendars.LastYear;
    }

    internal static LocalTime? Time(string? text) =>
        text is not null && LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(text) is { Success: true } result ? result.Value : null;

    internal static LocalDate? Date(string? text) =>
        text is not null && LocalDatePattern.Iso.Parse(text) is { Success: true } result && result.Value.Year is >= 1900 and <= 2200 ? result.Value : null;

    /// <summary>Absent means Mon–Fri; present must name at least one valid day.</summary>
    internal static WorkDays? Days(string? text)
    {
        if (text is null)
        {
            return WorkDays.Weekdays;
        }

        return WorkDaysFormat.TryParse(text, out var days) && days != WorkDays.None ? days : null;
    }
}
