using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Features.Webhooks;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Projects;

/// <summary>Project writes shared by the projects API and the staff pages. Requests have passed <see cref="ProjectRequestValidator"/>.</summary>
internal static class ProjectWrites
{
    /// <summary>Creates the project, or answers field errors keyed like the API's ("companyId").</summary>
    public static async Task<(Project? Project, IDictionary<string, string[]>? Errors)> CreateAsync(
        ProjectRequest request, NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock, ClaimsPrincipal user, AuditLog audit, HttpContext http)
    {
        var companyId = await ResolveCompanyAsync(request, db, user, http.RequestAborted);
        if (companyId is null)
        {
            return (null, new Dictionary<string, string[]>
            {
                ["companyId"] = [user.IsStaff() ? "Name an existing company." : "A company can only post projects for itself."],
            });
        }

        var now = clock.GetUtcNow();
        var project = new Project { Id = Guid.CreateVersion7(), Title = "", TimeZone = "", CompanyId = companyId.Value, CreatedAt = now };
        project.Apply(request, catalog, now);
        db.Projects.Add(project);
        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "project.create", project.Id.ToString());
        return (project, null);
    }

    /// <summary>Replaces a tracked project (skills included); the caller has checked visibility and the version.</summary>
    public static async Task<IDictionary<string, string[]>?> UpdateAsync(
        Project project, ProjectRequest request, NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        if (request.CompanyId is { } requested && requested != project.CompanyId)
        {
            return new Dictionary<string, string[]> { ["companyId"] = ["A project cannot move to another company."] };
        }

        var now = clock.GetUtcNow();
        var before = project.ToDto(catalog);
        project.Apply(request, catalog, now);
        db.Entry(project).Property(p => p.UpdatedAt).IsModified = true;
        if (ProjectChanges.ChangedFields(before, project.ToDto(catalog)) is { Count: > 0 } changed)
        {
            await WebhookOutbox.EnqueueAsync(db, project.CompanyId, WebhookEventTypes.ProjectUpdated,
                new { projectId = project.Id, changedFields = changed }, now, http.RequestAborted);
        }

        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "project.update", project.Id.ToString());
        return null;
    }

    private static async Task<Guid?> ResolveCompanyAsync(ProjectRequest request, NearshoreDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.CompanyId() is { } own)
        {
            return request.CompanyId is null || request.CompanyId == own ? own : null;
        }

        return request.CompanyId is { } named && await db.Companies.AnyAsync(c => c.Id == named, ct) ? named : null;
    }
}
