using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Matching;

public static class MatchesApi
{
    public static RouteGroupBuilder MapMatches(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects").WithTags("Matching").WithValidation().RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:guid}/matches", Get).WithName("GetMatches")
            .WithSummary("Ranks every eligible professional for the project by DST-exact overlap and skills, with explanations and representation (staff).");
        return group;
    }

    private static async Task<Results<Ok<MatchesResponse>, NotFound>> Get(
        Guid id, [AsParameters] MatchesQuery query, NearshoreDbContext db, MatchingService matching, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await matching.RankAsync(project, query.Limit ?? 20, query.Offset ?? 0, ct));
    }
}

public sealed class MatchesQueryValidator : AbstractValidator<MatchesQuery>
{
    public MatchesQueryValidator()
    {
        RuleFor(q => q.Limit).InclusiveBetween(1, 200);
        RuleFor(q => q.Offset).InclusiveBetween(0, 100_000);
    }
}
