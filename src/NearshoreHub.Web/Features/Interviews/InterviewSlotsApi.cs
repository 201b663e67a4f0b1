using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Holidays;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;
using NodaTime;
using NodaTime.Text;

namespace NearshoreHub.Web.Features.Interviews;

/// <summary>Interview slots (product spec §10): where the client's core hours and the candidate's working hours meet.</summary>
public static class InterviewSlotsApi
{
    public const int DefaultDays = 7;
    public const int MaxDays = 28;
    public const int DefaultMinutes = 45;
    public const int MinMinutes = 15;
    public const int MaxMinutes = 240;

    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    public static RouteGroupBuilder MapInterviewSlots(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects").WithTags("Interviews").WithValidation().RequireAuthorization(Policies.StaffOrCompany);
        group.MapGet("/{id:guid}/candidates/{professionalId:guid}/interview-slots", List).WithName("ListInterviewSlots")
            .WithSummary("Lists interview slots: core start + k·30 min on client dates from … from+days−1 (days 1–28, default 7; minutes 15–240, "
                + "default 45), inside both sides' hours, on working days that are no holiday or closure day, never in the past. Not paged. "
                + "A company reaches only professionals in an approved report of its project.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Ok<InterviewSlotList>, NotFound>> List(
        Guid id, Guid professionalId, [AsParameters] InterviewSlotQuery query, NearshoreDbContext db, MatchingService matching,
        HolidayCalendars calendars, InterviewSlotFinder finder, TimeProvider clock, ClaimsPrincipal user, CancellationToken ct)
    {
        var sides = await InterviewAccess.LoadAsync(id, professionalId, user, db, matching, calendars, ct);
        if (sides is null)
        {
            return TypedResults.NotFound();
        }

        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var from = InterviewSlotQueryValidator.Date(query.From) ?? now.InZone(finder.Zones[sides.Client.TimeZoneId]).Date;
        var days = InterviewSlotQueryValidator.Number(query.Days) ?? DefaultDays;
        var minutes = InterviewSlotQueryValidator.Number(query.Minutes) ?? DefaultMinutes;
        var slots = finder.Find(sides.Client, sides.ClientDaysOff, sides.Candidate, sides.CandidateDaysOff, from, days, minutes, now);
        var items = slots.Select(ToDto).ToList();
        return TypedResults.Ok(new InterviewSlotList(items, items.Count));
    }

    public static InterviewSlotDto ToDto(InterviewSlot slot) => new(
        slot.Start.ToDateTimeOffset(), slot.End.ToDateTimeOffset(), LocalPattern.Format(slot.ClientLocal), LocalPattern.Format(slot.ProfessionalLocal));

    /// <summary>Why a start is not offered, in words for <c>errors.start</c>.</summary>
    public static string Describe(SlotRefusal refusal) => refusal switch
    {
        SlotRefusal.InThePast => "The slot starts in the past.",
        SlotRefusal.NotOnTheGrid => "Slots start at the project's core start plus a multiple of 30 minutes, in the project's zone.",
        SlotRefusal.ClientDayOff => "That date is not a client working day: not a project working day, or a client holiday or closure day.",
        SlotRefusal.OutsideClientHours => "The interview would not fit inside the project's core hours.",
        SlotRefusal.ProfessionalDayOff => "That date is not one of the professional's working days, or it is their holiday.",
        SlotRefusal.OutsideProfessionalHours => "The interview would not fit inside the professional's working hours.",
        _ => "The slot is not offered.",
    };

    internal static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}

public sealed class InterviewSlotQueryValidator : AbstractValidator<InterviewSlotQuery>
{
    public InterviewSlotQueryValidator()
    {
        RuleFor(q => q.From).Must(d => Date(d) is not null).WithMessage("Must be a date as YYYY-MM-DD between 2000 and 2100.").When(q => q.From is not null);
        RuleFor(q => q.Days).Must(d => Number(d) is >= 1 and <= InterviewSlotsApi.MaxDays)
            .WithMessage($"Must be a whole number of days from 1 to {InterviewSlotsApi.MaxDays}.").When(q => q.Days is not null);
        RuleFor(q => q.Minutes).Must(m => Number(m) is >= InterviewSlotsApi.MinMinutes and <= InterviewSlotsApi.MaxMinutes)
            .WithMessage($"Must be a whole number of minutes from {InterviewSlotsApi.MinMinutes} to {InterviewSlotsApi.MaxMinutes}.").When(q => q.Minutes is not null);
    }

    internal static LocalDate? Date(string? text) =>
        text is not null && LocalDatePattern.Iso.Parse(text) is { Success: true } result && result.Value.Year is >= 2000 and <= 2100 ? result.Value : null;

    internal static int? Number(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
}
