using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Holidays;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Projects;
using NodaTime;

namespace NearshoreHub.Web.Features.Interviews;

/// <summary>Both sides of an interview as the slot finder needs them: schedules and days off.</summary>
public sealed record InterviewSides(Project Project, Professional Professional, WorkSchedule Client, HolidaySet ClientDaysOff, WorkSchedule Candidate, HolidaySet CandidateDaysOff);

/// <summary>
/// Who may reach a candidate's interviews for a project (product spec §10): staff always; a company only for its own
/// project and only for professionals in one of that project's approved reports. Anything else is "not found".
/// </summary>
public static class InterviewAccess
{
    public static async Task<InterviewSides?> LoadAsync(
        Guid projectId, Guid professionalId, ClaimsPrincipal user, NearshoreDbContext db, MatchingService matching, HolidayCalendars calendars, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().Visible(user).Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null || !await MayReachProfessionalAsync(projectId, professionalId, user, db, ct))
        {
            return null;
        }

        var professional = await db.Professionals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == professionalId, ct);
        if (professional is null)
        {
            return null;
        }

        var book = await calendars.GetAsync(ct);
        return new InterviewSides(
            project,
            professional,
            new WorkSchedule(project.TimeZone, LocalTime.FromTimeOnly(project.CoreStart), LocalTime.FromTimeOnly(project.CoreEnd), (WorkDays)project.WorkDays),
            await AllClientDaysOffAsync(project, book, db, ct),
            new WorkSchedule(professional.TimeZone, LocalTime.FromTimeOnly(professional.WorkStart), LocalTime.FromTimeOnly(professional.WorkEnd), (WorkDays)professional.WorkDays),
            book.For(professional.Country));
    }

    /// <summary>Staff reach everyone; a company only professionals named in an approved report of the project.</summary>
    public static async Task<bool> MayReachProfessionalAsync(Guid projectId, Guid professionalId, ClaimsPrincipal user, NearshoreDbContext db, CancellationToken ct)
    {
        if (user.IsStaffCaller())
        {
            return true;
        }

        var company = user.CompanyIdOrNull();
        if (company is null)
        {
            return false;
        }

        var id = professionalId.ToString();
        var hits = await db.Database.SqlQuery<int>($"""
            SELECT 1 AS "Value" FROM match_reports
            WHERE project_id = {projectId} AND company_id = {company.Value} AND review_status = 'Approved'
              AND snapshot @> jsonb_build_object('items', jsonb_build_array(jsonb_build_object('professional', jsonb_build_object('id', {id}::text))))
            LIMIT 1
            """).ToListAsync(ct);
        return hits.Count > 0;
    }

    /// <summary>The project's calendars and every closure of its company (slots may lie beyond the engagement).</summary>
    private static async Task<HolidaySet> AllClientDaysOffAsync(Project project, HolidayBook book, NearshoreDbContext db, CancellationToken ct)
    {
        var closures = await db.CompanyClosures.AsNoTracking().Where(c => c.CompanyId == project.CompanyId).OrderBy(c => c.From).ToListAsync(ct);
        return HolidayCalendars.ClientDaysOff(book, project.HolidayCalendars, closures);
    }

    private static bool IsStaffCaller(this ClaimsPrincipal user) => NearshoreHub.Web.Infrastructure.Auth.CallerExtensions.IsStaff(user);

    private static Guid? CompanyIdOrNull(this ClaimsPrincipal user) => NearshoreHub.Web.Infrastructure.Auth.CallerExtensions.CompanyId(user);
}
