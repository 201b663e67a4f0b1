using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Holidays;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Interviews;

/// <summary>Booking, reading, cancelling and exporting interviews (product spec §10).</summary>
public static class InterviewsApi
{
    public static void MapInterviews(this IEndpointRouteBuilder routes)
    {
        var projects = routes.MapGroup("/api/v1/projects").WithTags("Interviews").WithValidation().RequireAuthorization(Policies.StaffOrCompany);
        projects.MapPost("/{id:guid}/interviews", Book).WithName("BookInterview")
            .WithSummary("Books an interview {professionalId, start, minutes (15–240, default 45)} in an offered slot: 422 (errors.start) when the "
                + "slot is not offered, 409 when the professional has another interview then in any project. Moves the shortlist entry to interviewing.")
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        var interviews = routes.MapGroup("/api/v1/interviews").WithTags("Interviews").RequireAuthorization(Policies.StaffOrCompany);
        interviews.MapGet("/{id:guid}", Get).WithName("GetInterview").WithSummary("Reads one interview.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        interviews.MapDelete("/{id:guid}", Cancel).WithName("CancelInterview").WithSummary("Cancels an interview (status cancelled); cancelling again changes nothing.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        interviews.MapGet("/{id:guid}/calendar", Calendar).WithName("GetInterviewCalendar")
            .WithSummary("The interview as text/calendar (RFC 5545): one VEVENT with UID, DTSTAMP, DTSTART/DTEND in UTC and SUMMARY; no email for a company caller.")
            .Produces(StatusCodes.Status200OK, contentType: "text/calendar")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Created<InterviewDto>, NotFound>> Book(
        Guid id, InterviewRequest request, NearshoreDbContext db, MatchingService matching, HolidayCalendars calendars, InterviewSlotFinder finder,
        TimeProvider clock, AuditLog audit, ClaimsPrincipal user, HttpContext http)
    {
        var sides = await InterviewAccess.LoadAsync(id, request.ProfessionalId!.Value, user, db, matching, calendars, http.RequestAborted);
        if (sides is null)
        {
            return TypedResults.NotFound();
        }

        var interview = await InterviewWrites.BookAsync(sides, request.Start!.Value, request.Minutes ?? InterviewSlotsApi.DefaultMinutes, db, finder, clock, audit, http);
        return TypedResults.Created($"/api/v1/interviews/{interview.Id}", ToDto(interview));
    }

    private static async Task<Results<Ok<InterviewDto>, NotFound>> Get(Guid id, NearshoreDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        await FindAsync(id, db, user, ct) is { } interview ? TypedResults.Ok(ToDto(interview)) : TypedResults.NotFound();

    private static async Task<Results<NoContent, NotFound>> Cancel(
        Guid id, NearshoreDbContext db, ClaimsPrincipal user, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var interview = await FindAsync(id, db, user, http.RequestAborted);
        if (interview is null)
        {
            return TypedResults.NotFound();
        }

        await InterviewWrites.CancelAsync(interview.Id, db, clock, audit, http);
        return TypedResults.NoContent();
    }

    private static async Task<Results<ContentHttpResult, NotFound>> Calendar(Guid id, NearshoreDbContext db, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var interview = await FindAsync(id, db, user, ct);
        if (interview is null)
        {
            return TypedResults.NotFound();
        }

        var names = await db.Interviews.AsNoTracking().Where(i => i.Id == id)
            .Join(db.Projects, i => i.ProjectId, p => p.Id, (i, p) => new { i.ProfessionalId, p.Title })
            .Join(db.Professionals, x => x.ProfessionalId, p => p.Id, (x, p) => new { x.Title, p.FullName, p.Email })
            .SingleAsync(ct);
        var text = InterviewCalendar.ToIcs(interview, names.Title, names.FullName, user.IsStaff() ? names.Email : null, clock.GetUtcNow());
        return TypedResults.Text(text, "text/calendar; charset=utf-8");
    }

    /// <summary>An interview the caller may see: staff all; a company those of its projects with professionals it may reach.</summary>
    internal static async Task<Interview?> FindAsync(Guid id, NearshoreDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var interview = await db.Interviews.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (interview is null || user.IsStaff())
        {
            return interview;
        }

        var visible = await db.Projects.AsNoTracking().Visible(user).AnyAsync(p => p.Id == interview.ProjectId, ct)
            && await InterviewAccess.MayReachProfessionalAsync(interview.ProjectId, interview.ProfessionalId, user, db, ct);
        return visible ? interview : null;
    }

    public static InterviewDto ToDto(Interview i) =>
        new(i.Id, i.ProjectId, i.ProfessionalId, i.Start, i.End, i.Status);
}

public sealed class InterviewRequestValidator : AbstractValidator<InterviewRequest>
{
    public InterviewRequestValidator()
    {
        RuleFor(r => r.ProfessionalId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.Start).NotNull();
        RuleFor(r => r.Start).Must(s => s!.Value.UtcDateTime.Year is >= 2000 and <= 2100).WithMessage("Must be an ISO-8601 instant between 2000 and 2100.").When(r => r.Start is not null);
        RuleFor(r => r.Minutes).InclusiveBetween(InterviewSlotsApi.MinMinutes, InterviewSlotsApi.MaxMinutes);
    }
}
