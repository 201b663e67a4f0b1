using Microsoft.AspNetCore.Http.HttpResults;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Funnel;

/// <summary>The representation funnel of a project (product spec §13): staff only.</summary>
public static class RepresentationApi
{
    public static RouteGroupBuilder MapRepresentation(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects/{id:guid}/representation").WithTags("Representation").WithValidation()
            .RequireAuthorization(Policies.Staff);
        group.MapGet("/", Get).WithName("GetRepresentationFunnel")
            .WithSummary("Counts and shares by country, city size and rural vs urban for the eligible pool, the top (top 1–200, default 20), the shortlist (not rejected), interviewing (or hired) and hired, with the nudge that would most raise the town-or-rural share of the top.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Ok<RepresentationFunnelDto>, NotFound>> Get(
        Guid id, [AsParameters] RepresentationQuery query, RepresentationFunnel funnel, HttpContext http)
    {
        var result = await funnel.ForAsync(id, query.TopOrDefault, withNudge: true, http.RequestAborted);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }
}
