using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Notes;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.SavedSearches;

/// <summary>Each recruiter's own saved searches with what is new since they last looked (product spec §13). Another's is 404.</summary>
public static class SavedSearchesApi
{
    public static RouteGroupBuilder MapSavedSearches(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/saved-searches").WithTags("Saved searches").WithValidation()
            .RequireAuthorization(Policies.Staff)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/", List).WithName("ListSavedSearches")
            .WithSummary("Lists the caller's saved searches by name, each with newCount (offset ≥ 0, limit 1–200, default 50).")
            .ProducesValidationProblem();
        group.MapPost("/", Create).WithName("CreateSavedSearch")
            .WithSummary("Saves a search: name and query (the search's URL query string without '?'; offset, limit and sort are ignored; errors keyed query.<param>). seenAt starts now. Accepts Idempotency-Key.")
            .ProducesValidationProblem();
        group.MapGet("/{id:guid}", Get).WithName("GetSavedSearch").WithSummary("Reads one of the caller's saved searches with newCount.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteSavedSearch").WithSummary("Deletes one of the caller's saved searches.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/new", New).WithName("ListSavedSearchNewMatches")
            .WithSummary("The professionals who match now and changed (created, updated, or changed by an import) after seenAt, most recently changed first, with asOf (offset ≥ 0, limit 1–200). Changes nothing.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/seen", Seen).WithName("MarkSavedSearchSeen")
            .WithSummary("Moves seenAt to asOf (from …/new), so what was new then is no longer counted.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static IQueryable<SavedSearch> Own(NearshoreDbContext db, HttpContext http)
    {
        var owner = NoteWrites.UserId(http.User);
        return db.SavedSearches.Where(s => owner != null && s.OwnerId == owner);
    }

    private static async Task<Ok<PagedList<SavedSearchDto>>> List([AsParameters] SavedSearchListQuery query, NearshoreDbContext db, SavedSearchNews news, HttpContext http)
    {
        var ct = http.RequestAborted;
        var own = Own(db, http).AsNoTracking();
        var total = await own.CountAsync(ct);
        var page = await own.OrderBy(s => s.Name).ThenBy(s => s.Id).Skip(query.OffsetOrDefault).Take(query.LimitOrDefault).ToListAsync(ct);
        var counts = await news.CountAsync(page, ct);
        return TypedResults.Ok(new PagedList<SavedSearchDto>(page.Select((s, i) => ToDto(s, counts[i])).ToList(), total));
    }

    private static async Task<Results<Created<SavedSearchDto>, ValidationProblem>> Create(
        SavedSearchRequest request, NearshoreDbContext db, SavedSearchWrites writes, HttpContext http)
    {
        var (saved, errors) = await writes.CreateAsync(request.Name!, request.Query!, http);
        return saved is null
            ? TypedResults.ValidationProblem(errors!)
            : TypedResults.Created($"/api/v1/saved-searches/{saved.Id}", ToDto(saved, 0));
    }

    private static async Task<Results<Ok<SavedSearchDto>, NotFound>> Get(Guid id, NearshoreDbContext db, SavedSearchNews news, HttpContext http)
    {
        var saved = await Own(db, http).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, http.RequestAborted);
        return saved is null ? TypedResults.NotFound() : TypedResults.Ok(ToDto(saved, (await news.CountAsync([saved], http.RequestAborted))[0]));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, NearshoreDbContext db, AuditLog audit, HttpContext http)
    {
        if (await Own(db, http).Where(s => s.Id == id).ExecuteDeleteAsync(http.RequestAborted) == 0)
        {
            return TypedResults.NotFound();
        }

        await audit.WriteAsync(http, "saved-search.delete", id.ToString());
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<NewMatchesDto>, NotFound>> New(
        Guid id, [AsParameters] SavedSearchListQuery query, NearshoreDbContext db, SavedSearchNews news, HttpContext http)
    {
        var saved = await Own(db, http).AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, http.RequestAborted);
        return saved is null
            ? TypedResults.NotFound()
            : TypedResults.Ok(await news.PageAsync(saved, query.OffsetOrDefault, query.LimitOrDefault, http.RequestAborted));
    }

    private static async Task<Results<Ok<SavedSearchDto>, NotFound, ValidationProblem>> Seen(
        Guid id, SeenRequest request, NearshoreDbContext db, SavedSearchNews news, AuditLog audit, HttpContext http)
    {
        var ct = http.RequestAborted;
        var saved = await Own(db, http).SingleOrDefaultAsync(s => s.Id == id, ct);
        if (saved is null)
        {
            return TypedResults.NotFound();
        }

        var asOf = request.AsOf!.Value.ToUniversalTime();
        if (asOf > news.Now().AddMinutes(1))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["asOf"] = ["Cannot be in the future: send the asOf that …/new returned."] });
        }

        saved.SeenAt = asOf;
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, "saved-search.seen", id.ToString());
        return TypedResults.Ok(ToDto(saved, (await news.CountAsync([saved], ct))[0]));
    }

    internal static SavedSearchDto ToDto(SavedSearch s, int newCount) => new(s.Id, s.Name, s.Query, s.SeenAt, s.CreatedAt, newCount);
}
