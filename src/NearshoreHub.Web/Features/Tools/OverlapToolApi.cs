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
