using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NodaTime;
using NodaTime.Text;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Tools;

/// <summary>Query parameters arrive as text so that every bad value is reported against its own name.</summary>
public sealed record OverlapToolQuery
{
    [DocumentAs(typeof(string), MaxLength = Reference.MaxTimeZoneLength, Example = "America/New_York")] public string? ClientTimeZone { get; init; }
    [DocumentAs(typeof(TimeOnly))] public string? ClientStart { get; init; }
    [DocumentAs(typeof(TimeOnly))] public string? ClientEnd { get; init; }
    [DocumentAs(typeof(string), MaxLength = Reference.MaxTimeZoneLength, Example = "America/New_York")] public string? ProfessionalTimeZone { get; init; }
    [DocumentAs(typeof(TimeOnly))] public string? ProfessionalStart { get; init; }
    [DocumentAs(typeof(TimeOnly))] public string? ProfessionalEnd { get; init; }
    [DocumentAs(typeof(DateOnly))] public string? From { get; init; }
    [DocumentAs(typeof(int), Minimum = 1, Maximum = 104)] public string? Weeks { get; init; }
    [DocumentAs(typeof(string), MaxLength = 27, Pattern = "^[A-Za-z]{3}(,[A-Za-z]{3})*$", Description = "Comma list of Mon, Tue, Wed, Thu, Fri, Sat, Sun (default Mon to Fri).")] public string? ClientDays { get; init; }
    [DocumentAs(typeof(string), MaxLength = 27, Pattern = "^[A-Za-z]{3}(,[A-Za-z]{3})*$", Description = "Comma list of Mon, Tue, Wed, Thu, Fri, Sat, Sun (default Mon to Fri).")] public string? ProfessionalDays { get; init; }

    /// <summary>Holiday calendars the client observes, comma-separated country codes (e.g. US,BR); default none.</summary>
    [DocumentAs(typeof(string), MaxLength = 200, Pattern = "^[A-Za-z]{2}(,[A-Za-z]{2})*$", Description = "Holiday calendars the client observes: comma list of country codes (default none).", Example = "US")] public string? ClientHolidays { get; init; }

    /// <summary>Holiday calendars the professional observes (e.g. AR); default none.</summary>
    [DocumentAs(typeof(string), MaxLength = 200, Pattern = "^[A-Za-z]{2}(,[A-Za-z]{2})*$", Description = "Holiday calendars the professional observes: comma list of country codes (default none).", Example = "BR")] public string? ProfessionalHolidays { get; init; }
}

public sealed record OverlapDayDto(DateOnly Date, double Hours, double EffectiveHours);

public sealed record ZoneSwitchDto(string TimeZone, string Side, DateOnly Date, string OffsetBefore, string OffsetAfter, bool StartsDaylightTime);

public sealed record OverlapChangeDto(DateOnly Date, double HoursBefore, double HoursAfter, IReadOnlyList<ZoneSwitchDto> Switches);

public sealed record OverlapToolResponse(
    double AverageHours, double MinimumHours, double MaximumHours,
    double EffectiveAverageHours, int ClientWorkingDays, int SharedDays, IReadOnlyList<NearshoreHub.Web.Features.Matching.HolidayHitDto> Holidays,
    IReadOnlyList<OverlapDayDto> Days, IReadOnlyList<OverlapChangeDto> Changes);

public static class OverlapToolApi
{
    public static RouteGroupBuilder MapTools(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/tools").WithTags("Tools").WithValidation();
        group.AllowAnonymous();
        group.MapGet("/overlap", Compute).WithName("ComputeOverlap")
            .WithSummary("Public calculator: DST-exact working-hour overlap between a client window and a professional's hours, per day; "
                + "clientHolidays/professionalHolidays (e.g. US,BR) count public holidays (engagement within 2024–2035).")
            .ProducesValidationProblem();
        return group;
    }

    private static async Task<Ok<OverlapToolResponse>> Compute(
        [AsParameters] OverlapToolQuery query, OverlapCalculator calculator, NearshoreHub.Web.Features.Holidays.HolidayCalendars calendars, CancellationToken ct)
    {
        var book = await calendars.GetAsync(ct);
        var clientDaysOff = NearshoreHub.Web.Features.Holidays.HolidayCalendars.ClientDaysOff(book, OverlapToolQueryValidator.Calendars(query.ClientHolidays), []);
        var professionalDaysOff = NearshoreHub.Web.Features.Holidays.HolidayCalendars.ClientDaysOff(book, OverlapToolQueryValidator.Calendars(query.ProfessionalHolidays), []);
        var client = new WorkSchedule(query.ClientTimeZone!, OverlapToolQueryValidator.Time(query.ClientStart)!.Value, OverlapToolQueryValidator.Time(query.ClientEnd)!.Value,
            OverlapToolQueryValidator.Days(query.ClientDays)!.Value);
        var professional = new WorkSchedule(query.ProfessionalTimeZone!, OverlapToolQueryValidator.Time(query.ProfessionalStart)!.Value,
            OverlapToolQueryValidator.Time(query.ProfessionalEnd)!.Value, OverlapToolQueryValidator.Days(query.ProfessionalDays)!.Value);
        var result = calculator.Compute(client, professional, OverlapToolQueryValidator.Date(query.From)!.Value, int.Parse(query.Weeks!, CultureInfo.InvariantCulture),
            clientDaysOff, professionalDaysOff);
        return TypedResults.Ok(new OverlapToolResponse(
            result.AverageHours, result.MinimumHours, result.MaximumHours,
            result.EffectiveAverageHours, result.ClientWorkingDays, result.SharedDays,
            result.Holidays.Select(NearshoreHub.Web.Features.Matching.MatchingService.ToDto).ToList(),
            result.Days.Select(d => new OverlapDayDto(d.Date.ToDateOnly(), d.Hours, d.EffectiveHours)).ToList(),
            result.Changes.Select(c => new OverlapChangeDto(c.Date.ToDateOnly(), c.HoursBefore, c.HoursAfter,
                c.Transitions.Select(t => new ZoneSwitchDto(t.ZoneId, t.IsClientZone ? "client" : "professional", t.LocalDate.ToDateOnly(),
                    t.OffsetBefore.ToString(), t.OffsetAfter.ToString(), t.StartsDaylightTime)).ToList())).ToList()));
    }
}

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
