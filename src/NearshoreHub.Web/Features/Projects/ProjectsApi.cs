using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Projects;

public static class ProjectsApi
{
    public static RouteGroupBuilder MapProjects(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/projects").WithTags("Projects").WithValidation()
            .RequireAuthorization(Policies.StaffOrCompany);

        group.MapGet("/", List).WithName("ListProjects").WithSummary("Lists projects: all for staff, its own for a company.");
        group.MapGet("/{id:guid}", Get).WithName("GetProject").WithSummary("Reads one project (a company only its own).");
        group.MapPost("/", Create).WithName("CreateProject").WithSummary("Posts a project. Staff name the company; a company posts for itself. Accepts Idempotency-Key.");
        group.MapPut("/{id:guid}", Update).WithName("UpdateProject").WithSummary("Replaces a project. Honours If-Match.");
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteProject").WithSummary("Deletes a project that has no match reports. Honours If-Match.");
        return group;
    }

    /// <summary>Projects the caller may see: everything for staff, only its own for a company.</summary>
    internal static IQueryable<Project> Visible(this IQueryable<Project> projects, ClaimsPrincipal user) =>
        user.IsStaff() ? projects
        : user.CompanyId() is { } company ? projects.Where(p => p.CompanyId == company)
        : projects.Where(_ => false);

    private static async Task<Ok<PagedList<ProjectDto>>> List([AsParameters] ProjectListQuery query, NearshoreDbContext db, SkillCatalog catalog, ClaimsPrincipal user, CancellationToken ct)
    {
        var projects = db.Projects.AsNoTracking().Visible(user);
        if (query.CompanyId is { } companyId)
        {
            projects = projects.Where(p => p.CompanyId == companyId);
        }

        if (query.Status is { } status)
        {
            projects = projects.Where(p => p.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            projects = projects.Where(p => EF.Functions.ILike(p.Title, "%" + query.Q.Trim() + "%"));
        }

        var total = await projects.CountAsync(ct);
        var page = await projects.Include(p => p.Skills)
            .OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .Skip(query.OffsetOrDefault).Take(query.LimitOrDefault)
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<ProjectDto>(page.Select(p => p.ToDto(catalog)).ToList(), total));
    }

    private static async Task<Results<Ok<ProjectDto>, NotFound>> Get(Guid id, NearshoreDbContext db, SkillCatalog catalog, ClaimsPrincipal user, HttpContext http)
    {
        var project = await db.Projects.AsNoTracking().Visible(user).Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, http.RequestAborted);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        ETags.Set(http, project.Version);
        return TypedResults.Ok(project.ToDto(catalog));
    }

    private static async Task<Results<Created<ProjectDto>, ValidationProblem>> Create(
        ProjectRequest request, NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock, ClaimsPrincipal user, AuditLog audit, HttpContext http)
    {
        var (project, errors) = await ProjectWrites.CreateAsync(request, db, catalog, clock, user, audit, http);
        if (project is null)
        {
            return TypedResults.ValidationProblem(errors!);
        }

        ETags.Set(http, project.Version);
        return TypedResults.Created($"/api/v1/projects/{project.Id}", project.ToDto(catalog));
    }

    private static async Task<Results<Ok<ProjectDto>, NotFound, ValidationProblem>> Update(
        Guid id, ProjectRequest request, NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock, ClaimsPrincipal user, AuditLog audit, HttpContext http)
    {
        var project = await db.Projects.Visible(user).Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, http.RequestAborted);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        ETags.CheckIfMatch(http, project.Version);
        if (await ProjectWrites.UpdateAsync(project, request, db, catalog, clock, audit, http) is { } errors)
        {
            return TypedResults.ValidationProblem(errors);
        }

        ETags.Set(http, project.Version);
        return TypedResults.Ok(project.ToDto(catalog));
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, NearshoreDbContext db, ClaimsPrincipal user, AuditLog audit, HttpContext http)
    {
        var project = await db.Projects.Visible(user).SingleOrDefaultAsync(p => p.Id == id, http.RequestAborted);
        if (project is null)
        {
            return TypedResults.NotFound();
        }

        ETags.CheckIfMatch(http, project.Version);
        if (await db.MatchReports.AnyAsync(r => r.ProjectId == id, http.RequestAborted))
        {
            throw new DuplicateException("The project has match reports; close it (status closed) instead of deleting it.");
        }

        db.Projects.Remove(project);
        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "project.delete", id.ToString());
        return TypedResults.NoContent();
    }
}

public static class ProjectMapping
{
    public static void Apply(this Project project, ProjectRequest request, SkillCatalog catalog, DateTimeOffset now)
    {
        project.Title = request.Title!.Trim();
        project.Description = request.Description?.Trim() ?? "";
        project.TimeZone = request.TimeZone!;
        project.CoreStart = request.CoreHours!.Start;
        project.CoreEnd = request.CoreHours.End;
        project.WorkDays = Reference.ToMask(request.WorkingDays);
        project.MinOverlapHours = request.MinOverlapHours!.Value;
        project.StartDate = request.StartDate!.Value;
        project.DurationWeeks = request.DurationWeeks!.Value;
        project.MinEnglishLevel = request.MinEnglishLevel;
        project.BudgetMinUsd = request.HourlyBudgetUsd?.Min;
        project.BudgetMaxUsd = request.HourlyBudgetUsd?.Max;
        project.Seniority = request.Seniority;
        project.Headcount = request.Headcount ?? 1;
        project.Status = request.Status ?? ProjectStatus.Open;
        project.Weights = request.Weights is { } w
            ? new ProjectWeights { Skills = w.Skills, Overlap = w.Overlap, Rate = w.Rate, English = w.English, Availability = w.Availability }
            : null;
        project.UpdatedAt = now;
        project.HolidayCalendars = request.HolidayCalendars is { } calendars
            ? calendars.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList()
            : ["US"];

        var wanted = request.Skills!.Select((s, i) => new ProjectSkill
        {
            SkillId = catalog.Resolve(s.Skill)!.Id,
            MinLevel = (short)s.MinLevel,
            Required = s.Required ?? false,
            Weight = s.Weight ?? 1,
            Position = i,
        }).ToList();
        project.Skills.RemoveAll(existing => wanted.All(w => w.SkillId != existing.SkillId));
        foreach (var skill in wanted)
        {
            var existing = project.Skills.Find(s => s.SkillId == skill.SkillId);
            if (existing is null)
            {
                project.Skills.Add(skill);
            }
            else
            {
                existing.MinLevel = skill.MinLevel;
                existing.Required = skill.Required;
                existing.Weight = skill.Weight;
                existing.Position = skill.Position;
            }
        }
    }

    public static ProjectDto ToDto(this Project p, SkillCatalog catalog) => new(
        p.Id, p.CompanyId, p.Title, p.Description, p.TimeZone, new WorkingHoursDto(p.CoreStart, p.CoreEnd), Reference.FromMask(p.WorkDays),
        p.MinOverlapHours, p.StartDate, p.DurationWeeks,
        p.Skills.OrderBy(s => s.Position)
            .Select(s => (Info: catalog.Get(s.SkillId), s))
            .Where(x => x.Info is not null)
            .Select(x => new ProjectSkillDto(x.Info!.Name, x.Info.Slug, x.s.MinLevel, x.s.Required, x.s.Weight))
            .ToList(),
        p.MinEnglishLevel,
        p.BudgetMinUsd is null && p.BudgetMaxUsd is null ? null : new BudgetDto(p.BudgetMinUsd, p.BudgetMaxUsd),
        p.Seniority, p.Headcount, p.Status,
        p.Weights is { } w ? new WeightsDto(w.Skills, w.Overlap, w.Rate, w.English, w.Availability) : null,
        p.CreatedAt, p.UpdatedAt, p.HolidayCalendars);
}
