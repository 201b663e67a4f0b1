using Microsoft.AspNetCore.Http.HttpResults;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Features.Professionals;

internal static class ProfessionalSearchApi
{
    public static async Task<Results<Ok<PagedList<ProfessionalDto>>, ValidationProblem>> Search(
        [AsParameters] ProfessionalSearchParameters parameters, ProfessionalSearch search, SkillCatalog catalog, HttpContext http)
    {
        var query = parameters.Parse(catalog, out var errors);
        if (errors.Count == 0)
        {
            errors = await search.CheckReferencesAsync(query, http.RequestAborted);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await search.SearchAsync(query, http.RequestAborted));
    }
}
