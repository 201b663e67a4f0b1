using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Webhooks;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Pipeline;

public static class PipelineApi
{

    public static void MapPipeline(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/api/v1/match-reports").WithTags("Pipeline").WithValidation()
            .MapPost("/{id:guid}/candidates/{professionalId:guid}/decision", Decide).WithName("DecideOnCandidate")
            .WithSummary("The owning company decides on a candidate of its approved report: \"interview\" moves the project's shortlist entry to interviewing, \"decline\" to rejected. The latest decision stands; a hired candidate cannot be moved (409).")
            .RequireAuthorization(CallerPolicies.Company)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        routes.MapGroup("/api/v1/projects").WithTags("Pipeline").WithValidation()
            .MapGet("/{id:guid}/pipeline", Get).WithName("GetProjectPipeline")
            .WithSummary("Where the project's candidates stand, latest change first: staff see every shortlist entry, the owning company those of professionals in its approved reports, without email or rate.")
            .RequireAuthorization(Policies.StaffOrCompany)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<Results<Ok<DecisionDto>, NotFound>> Decide(
        Guid id, Guid professionalId, DecisionRequest request, NearshoreDbContext db, TimeProvider clock, ClaimsPrincipal user, AuditLog audit, HttpContext http)
    {
        var decision = await CandidateDecisions.DecideAsync(id, professionalId, request, user.CompanyId()!.Value, db, clock, audit, http);
        return decision is null ? TypedResults.NotFound() : TypedResults.Ok(decision);
    }

    private static async Task<Results<Ok<PagedList<PipelineItemDto>>, NotFound>> Get(
        Guid id, [AsParameters] PipelineQuery query, NearshoreDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().Visible(user).Where(p => p.Id == id)
            .Select(p => new { p.Id, CompanyName = p.Company!.Name })
            .SingleOrDefaultAsync(ct);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        var entries = db.ShortlistEntries.AsNoTracking().Where(s => s.ProjectId == id);
        if (!user.IsStaff())
        {
            var visible = await CandidateDecisions.InApprovedReportsAsync(db, id, ct);
            entries = entries.Where(s => visible.Contains(s.ProfessionalId));
        }

        var rows = entries.Join(db.Professionals, s => s.ProfessionalId, p => p.Id, (s, p) => new
        {
            s.Status,
            s.UpdatedAt,
            s.UpdatedBy,
            s.AddedBy,
            s.ProfessionalId,
            Professional = new PipelineProfessionalDto(p.Id, p.FullName, p.Country, p.City, p.TimeZone, p.Seniority),
        });
        var total = await rows.CountAsync(ct);
        var page = await rows.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.ProfessionalId)
            .Skip(query.OffsetOrDefault).Take(query.LimitOrDefault)
            .ToListAsync(ct);
        var shown = page.Select(r => r.ProfessionalId).ToList();
        var interviews = (await db.Interviews.AsNoTracking()
            .Where(i => i.ProjectId == id && shown.Contains(i.ProfessionalId))
            .OrderBy(i => i.Start)
            .Select(i => new { i.ProfessionalId, i.Id, i.Start, i.End, i.Status })
            .ToListAsync(ct))
            .ToLookup(i => i.ProfessionalId, i => new PipelineInterviewDto(i.Id, i.Start, i.End, i.Status));
        var items = page.Select(r => new PipelineItemDto(
            r.Professional, r.Status, DecidedBy(r.UpdatedBy ?? r.AddedBy, project.CompanyName, user), r.UpdatedAt, interviews[r.ProfessionalId].ToList())).ToList();
        return TypedResults.Ok(new PagedList<PipelineItemDto>(items, total));
    }

    internal static DecidedByDto DecidedBy(string actor, string companyName, ClaimsPrincipal user) =>
        actor.StartsWith("company:", StringComparison.Ordinal) ? new DecidedByDto(DeciderKind.Company, companyName)
        : new DecidedByDto(DeciderKind.Staff, user.IsStaff() ? actor : "NearshoreHub staff");
}
