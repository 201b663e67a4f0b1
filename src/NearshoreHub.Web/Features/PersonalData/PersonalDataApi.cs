using Microsoft.AspNetCore.Http.HttpResults;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.PersonalData;

/// <summary>Export and erasure of a professional's personal data (product.md §14), admins only.</summary>
public static class PersonalDataApi
{
    public static RouteGroupBuilder MapPersonalData(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/professionals").WithTags("Personal data").WithValidation().RequireAuthorization(Policies.Admin);
        group.MapGet("/{id:guid}/personal-data", Export).WithName("ExportPersonalData")
            .WithSummary("Everything held about a professional: profile, skills, shortlist entries, the report entries that name them, "
                + "audit entries about them, and notes and interviews where those exist (admin).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:guid}/erasure", Erase).WithName("EraseProfessional")
            .WithSummary("Erases a professional (admin): deletes the person, their skills, shortlist entries, notes, interviews and the stored "
                + "requests that hold their data; frozen reports keep rank, score, breakdown, overlap, country, city size, rural flag, time zone "
                + "and seniority under a random pseudonym named \"Erased professional\" without a city; recruiters' saved searches lose the "
                + "person's name and email (partsDeleted.savedSearches counts them).")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Results<Ok<PersonalDataExport>, NotFound>> Export(Guid id, PersonalDataService personalData, AuditLog audit, HttpContext http)
    {
        var export = await personalData.ExportAsync(id, http.RequestAborted);
        if (export is null)
        {
            return TypedResults.NotFound();
        }

        await audit.WriteAsync(http, "professional.personal-data-export", id.ToString());
        return TypedResults.Ok(export);
    }

    private static async Task<Results<Ok<ErasureResult>, NotFound>> Erase(Guid id, ErasureRequest request, PersonalDataService personalData, HttpContext http)
    {
        var result = await personalData.EraseAsync(id, request.Reason!, http);
        return result is null ? TypedResults.NotFound() : TypedResults.Ok(result);
    }
}
