using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Holidays;

/// <summary>Public-holiday calendars (product spec §9): anyone reads, admins add and delete days.</summary>
public static class HolidaysApi
{
    public static RouteGroupBuilder MapHolidays(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/holidays").WithTags("Holidays").WithValidation();
        group.MapGet("/", List).WithName("ListHolidays").AllowAnonymous()
            .WithSummary("Lists public holidays by country (ISO alpha-2) and year (2024–2035), paged; any caller may read.")
            .ProducesValidationProblem();
        group.MapPost("/", Create).WithName("CreateHoliday").RequireAuthorization(Policies.Admin)
            .WithSummary("Adds a day to a country's calendar, 2024–2035 (admin). A date the country already has is 409.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteHoliday").RequireAuthorization(Policies.Admin)
            .WithSummary("Deletes a day from its calendar (admin); the start-up loader never adds a deleted shipped day back.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<PagedList<HolidayDto>>> List([AsParameters] HolidayListQuery query, NearshoreDbContext db, CancellationToken ct)
    {
        var days = db.Holidays.AsNoTracking().Where(h => h.DeletedAt == null);
        if (!string.IsNullOrEmpty(query.Country))
        {
            var country = query.Country.ToUpperInvariant();
            days = days.Where(h => h.Country == country);
        }

        if (query.Year is { } year)
        {
            days = days.Where(h => h.Date >= new DateOnly(year, 1, 1) && h.Date <= new DateOnly(year, 12, 31));
        }

        var total = await days.CountAsync(ct);
        var items = await days.OrderBy(h => h.Country).ThenBy(h => h.Date)
            .Skip(query.OffsetOrDefault).Take(query.LimitOrDefault)
            .Select(h => new HolidayDto(h.Id, h.Country, h.Date, h.Name, h.Shipped))
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<HolidayDto>(items, total));
    }

    private static async Task<Created<HolidayDto>> Create(
        HolidayRequest request, NearshoreDbContext db, HolidayCalendars calendars, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var day = await HolidayWrites.CreateAsync(request, db, calendars, clock, audit, http);
        return TypedResults.Created($"/api/v1/holidays/{day.Id}", new HolidayDto(day.Id, day.Country, day.Date, day.Name, day.Shipped));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(
        Guid id, NearshoreDbContext db, HolidayCalendars calendars, TimeProvider clock, AuditLog audit, HttpContext http) =>
        await HolidayWrites.DeleteAsync(id, db, calendars, clock, audit, http) ? TypedResults.NoContent() : TypedResults.NotFound();
}

public sealed class HolidayListQueryValidator : AbstractValidator<HolidayListQuery>
{
    public HolidayListQueryValidator()
    {
        this.AddPageRules();
        RuleFor(q => q.Country).MaximumLength(2);
        RuleFor(q => q.Country).Must(c => Reference.IsCountry(c!.ToUpperInvariant())).WithMessage("Must be an ISO 3166-1 alpha-2 country code, such as BR.")
            .When(q => !string.IsNullOrEmpty(q.Country));
        RuleFor(q => q.Year).InclusiveBetween(HolidayCalendars.FirstYear, HolidayCalendars.LastYear);
    }
}

public sealed class HolidayRequestValidator : AbstractValidator<HolidayRequest>
{
    public HolidayRequestValidator()
    {
        RuleFor(r => r.Country).NotEmpty().Must(c => Reference.IsCountry(c!.ToUpperInvariant()))
            .WithMessage("Must be an ISO 3166-1 alpha-2 country code, such as BR.").When(r => !string.IsNullOrEmpty(r.Country));
        RuleFor(r => r.Country).NotEmpty().MaximumLength(2);
        RuleFor(r => r.Date).NotNull().Must(d => HolidayCalendars.InRange(d!.Value))
            .WithMessage($"Must be a date from {HolidayCalendars.FirstYear}-01-01 to {HolidayCalendars.LastYear}-12-31.").When(r => r.Date is not null);
        RuleFor(r => r.Date).NotNull();
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).Must(n => n is null || !n.Any(char.IsControl)).WithMessage("Must not contain control characters.");
    }
}
