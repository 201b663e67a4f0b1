using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Reports;

public static class MatchReportsApi
{
    public static void MapMatchReports(this IEndpointRouteBuilder routes)
    {
        var projects = routes.MapGroup("/api/v1/projects").WithTags("Match reports").WithValidation();
        projects.MapPost("/{id:guid}/match-reports", Create).WithName("CreateMatchReport")
            .WithSummary("Freezes the project's current ranking as a report pending review (staff). Accepts Idempotency-Key.")
            .RequireAuthorization(Policies.Staff);
        projects.MapGet("/{id:guid}/match-reports", ListForProject).WithName("ListProjectMatchReports")
            .WithSummary("Lists a project's reports: all for staff, only approved ones of its own projects for a company.")
            .RequireAuthorization(Policies.StaffOrCompany);

        var reports = routes.MapGroup("/api/v1/match-reports").WithTags("Match reports").WithValidation();
        reports.MapGet("/", List).WithName("ListMatchReports")
            .WithSummary("The review queue: reports of every project, pending review first (staff).")
            .RequireAuthorization(Policies.Staff);
        reports.MapGet("/{id:guid}", Get).WithName("GetMatchReport")
            .WithSummary("Reads a report: staff any, a company only approved reports of its own projects.")
            .RequireAuthorization(Policies.StaffOrCompany);
        reports.MapGet("/{id:guid}/export", MatchReportCsv.Export).WithName("ExportMatchReport")
            .WithSummary("A report's ranking as CSV (text/csv), one row per ranked professional: staff any report, a company only approved reports of its own projects and without email or rate columns.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .RequireAuthorization(Policies.StaffOrCompany);
        reports.MapPost("/{id:guid}/review", Review).WithName("ReviewMatchReport")
            .WithSummary("Approves or rejects a pending report with notes (admin). Honours If-Match.")
            .HonoursIfMatch()
            .RequireAuthorization(Policies.Admin);
    }

    /// <summary>Reports the caller may see: all for staff; for a company only approved reports of its own projects.</summary>
    internal static IQueryable<MatchReport> Visible(this IQueryable<MatchReport> reports, ClaimsPrincipal user) =>
        user.IsStaff() ? reports
        : user.CompanyId() is { } company ? reports.Where(r => r.CompanyId == company && r.ReviewStatus == ReviewStatus.Approved)
        : reports.Where(_ => false);

    private static async Task<Results<Created<MatchReportDto>, NotFound>> Create(
        Guid id, CreateMatchReportRequest request, NearshoreDbContext db, MatchingService matching, TimeProvider clock,
        IOptions<JsonOptions> json, ClaimsPrincipal user, AuditLog audit, HttpContext http)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, http.RequestAborted);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        var limit = request.Limit ?? 20;
        var (report, ranking) = await MatchReportWrites.CreateAsync(project, limit, db, matching, clock, json.Value.SerializerOptions, audit, http);
        return TypedResults.Created($"/api/v1/match-reports/{report.Id}", ToDto(report, ranking, user));
    }

    private static async Task<Results<Ok<PagedList<MatchReportSummaryDto>>, NotFound>> ListForProject(
        Guid id, [AsParameters] MatchReportListQuery query, NearshoreDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var projectVisible = user.IsStaff() ? await db.Projects.AnyAsync(p => p.Id == id, ct)
            : user.CompanyId() is { } company && await db.Projects.AnyAsync(p => p.Id == id && p.CompanyId == company, ct);
        if (!projectVisible)
        {
            return TypedResults.NotFound();
        }

        return TypedResults.Ok(await Page(db.MatchReports.AsNoTracking().Visible(user).Where(r => r.ProjectId == id), query, user, ct));
    }

    private static async Task<Ok<PagedList<MatchReportSummaryDto>>> List([AsParameters] MatchReportListQuery query, NearshoreDbContext db, ClaimsPrincipal user, CancellationToken ct) =>
        TypedResults.Ok(await Page(db.MatchReports.AsNoTracking().Visible(user), query, user, ct));

    private static async Task<PagedList<MatchReportSummaryDto>> Page(IQueryable<MatchReport> reports, MatchReportListQuery query, ClaimsPrincipal user, CancellationToken ct)
    {
        if (query.ParsedStatus is { } status)
        {
            reports = reports.Where(r => r.ReviewStatus == status);
        }

        var total = await reports.CountAsync(ct);
        var page = await reports
            .OrderBy(r => r.ReviewStatus == ReviewStatus.PendingReview ? 0 : 1).ThenByDescending(r => r.CreatedAt).ThenBy(r => r.Id)
            .Skip(query.OffsetOrDefault).Take(query.LimitOrDefault)
            .ToListAsync(ct);
        return new PagedList<MatchReportSummaryDto>(page.Select(r => ToSummary(r, user)).ToList(), total);
    }

    private static async Task<Results<Ok<MatchReportDto>, NotFound>> Get(Guid id, NearshoreDbContext db, IOptions<JsonOptions> json, ClaimsPrincipal user, HttpContext http)
    {
        var report = await db.MatchReports.AsNoTracking().Visible(user).SingleOrDefaultAsync(r => r.Id == id, http.RequestAborted);
        if (report is null)
        {
            return TypedResults.NotFound();
        }

        ETags.Set(http, report.Version);
        var ranking = JsonSerializer.Deserialize<MatchesResponse>(report.Snapshot, json.Value.SerializerOptions)!;
        return TypedResults.Ok(ToDto(report, ranking, user));
    }

    private static async Task<Results<Ok<MatchReportDto>, NotFound>> Review(
        Guid id, ReviewRequest request, NearshoreDbContext db, IOptions<JsonOptions> json, TimeProvider clock, ClaimsPrincipal user, AuditLog audit, HttpContext http)
    {
        var report = await db.MatchReports.SingleOrDefaultAsync(r => r.Id == id, http.RequestAborted);
        if (report is null)
        {
            return TypedResults.NotFound();
        }

        ETags.CheckIfMatch(http, report.Version);
        var approve = string.Equals(request.Decision, "approved", StringComparison.OrdinalIgnoreCase);
        await MatchReportWrites.ReviewAsync(report, approve, request.Notes, db, clock, audit, http);
        ETags.Set(http, report.Version);
        return TypedResults.Ok(ToDto(report, JsonSerializer.Deserialize<MatchesResponse>(report.Snapshot, json.Value.SerializerOptions)!, user));
    }

    // Companies never learn which staff member made or reviewed a report.
    private static string Person(string? actor, ClaimsPrincipal user) => user.IsStaff() ? actor ?? "" : "NearshoreHub staff";

    private static ReviewDto ReviewOf(MatchReport r, ClaimsPrincipal user) =>
        new(r.ReviewStatus, r.ReviewedBy is null ? null : Person(r.ReviewedBy, user), r.ReviewedAt, r.ReviewNotes);

    private static MatchReportSummaryDto ToSummary(MatchReport r, ClaimsPrincipal user) =>
        new(r.Id, r.ProjectId, r.CreatedAt, Person(r.CreatedBy, user), r.AlgorithmVersion, r.Limit, r.EligibleCount, ReviewOf(r, user));

    private static MatchReportDto ToDto(MatchReport r, MatchesResponse ranking, ClaimsPrincipal user) =>
        new(r.Id, r.ProjectId, r.CreatedAt, Person(r.CreatedBy, user), r.AlgorithmVersion, r.Limit, r.EligibleCount, ReviewOf(r, user), ranking);
}
