using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Holidays;

/// <summary>A company's closure days (product spec §9): an admin or the company itself; another company gets 404.</summary>
public static class ClosuresApi
{
    public const int MaxDays = 366;

    public static RouteGroupBuilder MapClosures(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/companies/{id:guid}/closures").WithTags("Holidays").WithValidation()
            .RequireAuthorization(policy => policy.RequireAssertion(c => c.User.IsInRole(Roles.Admin) || c.User.CompanyId() is not null));
        group.MapGet("/", List).WithName("ListClosures")
            .WithSummary("Lists a company's closure periods, earliest first (admin or the company itself).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", Create).WithName("CreateClosure")
            .WithSummary("Adds a closure period {from, to, name}; to defaults to from, at most 366 days (admin or the company itself).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{closureId:guid}", Delete).WithName("DeleteClosure")
            .WithSummary("Deletes a closure period (admin or the company itself).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>An admin reaches any existing company; a company key only its own.</summary>
    internal static async Task<bool> MayReachAsync(NearshoreDbContext db, ClaimsPrincipal user, Guid companyId, CancellationToken ct) =>
        (user.IsInRole(Roles.Admin) || user.CompanyId() == companyId) && await db.Companies.AnyAsync(c => c.Id == companyId, ct);

    private static async Task<Results<Ok<PagedList<ClosureDto>>, NotFound>> List(
        Guid id, [AsParameters] ClosureListQuery query, NearshoreDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await MayReachAsync(db, user, id, ct))
        {
            return TypedResults.NotFound();
        }

        var closures = db.CompanyClosures.AsNoTracking().Where(c => c.CompanyId == id);
        var total = await closures.CountAsync(ct);
        var items = await closures.OrderBy(c => c.From).ThenBy(c => c.Id).Skip(query.OffsetOrDefault).Take(query.LimitOrDefault)
            .Select(c => new ClosureDto(c.Id, c.CompanyId, c.From, c.To, c.Name, c.CreatedAt)).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<ClosureDto>(items, total));
    }

    private static async Task<Results<Created<ClosureDto>, NotFound>> Create(
        Guid id, ClosureRequest request, NearshoreDbContext db, ClaimsPrincipal user, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        if (!await MayReachAsync(db, user, id, http.RequestAborted))
        {
            return TypedResults.NotFound();
        }

        var closure = await HolidayWrites.CreateClosureAsync(id, request, db, clock, audit, http);
        return TypedResults.Created($"/api/v1/companies/{id}/closures/{closure.Id}",
            new ClosureDto(closure.Id, closure.CompanyId, closure.From, closure.To, closure.Name, closure.CreatedAt));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(
        Guid id, Guid closureId, NearshoreDbContext db, ClaimsPrincipal user, AuditLog audit, HttpContext http)
    {
        if (!await MayReachAsync(db, user, id, http.RequestAborted))
        {
            return TypedResults.NotFound();
        }

        if (!await HolidayWrites.DeleteClosureAsync(id, closureId, db, audit, http))
        {
            return TypedResults.NotFound();
        }

        return TypedResults.NoContent();
    }
}

public sealed class ClosureRequestValidator : AbstractValidator<ClosureRequest>
{
    public ClosureRequestValidator()
    {
        RuleFor(r => r.From).NotNull().InclusiveBetween(new DateOnly(2000, 1, 1), new DateOnly(2100, 12, 31));
        RuleFor(r => r.To).Must((r, to) => to >= r.From).WithMessage("Must not be before from.")
            .When(r => r.To is not null && r.From is not null);
        RuleFor(r => r.To).Must((r, to) => to!.Value.DayNumber - r.From!.Value.DayNumber < ClosuresApi.MaxDays)
            .WithMessage($"A closure period spans at most {ClosuresApi.MaxDays} days.").When(r => r.To is not null && r.From is not null && r.To >= r.From);
        RuleFor(r => r.Name).NotEmpty().MaximumLength(200).Must(n => n is null || !n.Any(char.IsControl)).WithMessage("Must not contain control characters.");
    }
}

public sealed class ClosureListQueryValidator : AbstractValidator<ClosureListQuery>
{
    public ClosureListQueryValidator() => this.AddPageRules();
}
