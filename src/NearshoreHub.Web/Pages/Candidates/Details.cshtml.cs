using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Features.Tools;
using NearshoreHub.Web.Infrastructure;
using NodaTime;

namespace NearshoreHub.Web.Pages.Candidates;

public sealed record CandidateShortlist(Guid ProjectId, string ProjectTitle, ShortlistStatus Status);

/// <summary>
/// A candidate's profile and skills, the 24-hour overlap picture against a project or a client zone, the shortlists
/// they are on, and a way to add them to an open project's shortlist.
/// </summary>
public sealed partial class DetailsModel(NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock, AuditLog audit, OverlapCalculator calculator) : PageModel
{
    /// <summary>The client-side fields of the public overlap calculator; the form uses its parameter names and validator.</summary>
    public static readonly IReadOnlyList<string> ZoneFields = ["clientTimeZone", "clientStart", "clientEnd", "from", "weeks"];

    public ProfessionalDto Candidate { get; private set; } = null!;
    public IReadOnlyList<CandidateShortlist> Shortlists { get; private set; } = [];
    public IReadOnlyList<SelectListItem> OpenProjects { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Projects { get; private set; } = [];

    /// <summary>The project chosen for the overlap picture (from a project's match list or the form).</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? ProjectId { get; set; }

    public OverlapPicture? Overlap { get; private set; }
    public string? ProjectTitle { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    /// <summary>What was typed into the zone form, kept as text so a bad value comes back unchanged; defaults before the first use.</summary>
    public string Value(string key) => Request.Query.ContainsKey(key) ? Request.Query[key].ToString() : DefaultFor(key);

    public IReadOnlyList<string> ErrorsFor(string key) => Errors.TryGetValue(key, out var messages) ? messages : [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var ct = HttpContext.RequestAborted;
        var professional = await db.Professionals.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (professional is null)
        {
            return NotFound();
        }

        Candidate = professional.ToDto(catalog);
        Shortlists = await db.ShortlistEntries.AsNoTracking().Where(s => s.ProfessionalId == id)
            .Join(db.Projects, s => s.ProjectId, p => p.Id, (s, p) => new { p.Id, p.Title, s.Status })
            .OrderBy(s => s.Title)
            .Select(s => new CandidateShortlist(s.Id, s.Title, s.Status))
            .ToListAsync(ct);
        var listed = Shortlists.Select(s => s.ProjectId).ToList();
        OpenProjects = await db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatus.Open && !listed.Contains(p.Id))
            .OrderByDescending(p => p.CreatedAt).Take(200)
            .Select(p => new SelectListItem(p.Title + " — " + p.Company!.Name, p.Id.ToString()))
            .ToListAsync(ct);
        Projects = await db.Projects.AsNoTracking().Where(p => p.Status == ProjectStatus.Open || p.Id == ProjectId)
            .OrderByDescending(p => p.CreatedAt).Take(200)
            .Select(p => new SelectListItem(p.Title + " — " + p.Company!.Name, p.Id.ToString(), p.Id == ProjectId))
            .ToListAsync(ct);
        await DrawOverlapAsync(professional, ct);
        await LoadSlotsAsync(id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostShortlistAsync(Guid id, Guid projectId)
    {
        var outcome = await ShortlistWrites.AddAsync(projectId, id, db, clock, audit, HttpContext);
        if (outcome == ShortlistOutcome.NotFound)
        {
            return NotFound();
        }

        TempData["Message"] = outcome == ShortlistOutcome.Done ? "Added to the shortlist as proposed." : "Already on that shortlist.";
        return RedirectToPage(new { id });
    }

    /// <summary>A chosen project wins; otherwise the zone form, checked by the public calculator's own validator.</summary>
    private async Task DrawOverlapAsync(Professional professional, CancellationToken ct)
    {
        var candidate = new WorkSchedule(professional.TimeZone, LocalTime.FromTimeOnly(professional.WorkStart), LocalTime.FromTimeOnly(professional.WorkEnd),
            (WorkDays)professional.WorkDays);
        if (ProjectId is { } projectId)
        {
            var project = await db.Projects.AsNoTracking().Where(p => p.Id == projectId)
                .Include(p => p.Skills)
                .SingleOrDefaultAsync(ct);
            if (project is null)
            {
                Errors["projectId"] = ["There is no such project; choose one from the list."];
                return;
            }

            ProjectTitle = project.Title;
            var client = new WorkSchedule(project.TimeZone, LocalTime.FromTimeOnly(project.CoreStart), LocalTime.FromTimeOnly(project.CoreEnd), (WorkDays)project.WorkDays);
            // Holidays (issue 17): the project's calendars and closures, the candidate's country's calendar.
            var calendars = HttpContext.RequestServices.GetRequiredService<NearshoreHub.Web.Features.Holidays.HolidayCalendars>();
            var book = await calendars.GetAsync(ct);
            var matching = HttpContext.RequestServices.GetRequiredService<NearshoreHub.Web.Features.Matching.MatchingService>();
            var company = await db.Companies.AsNoTracking().Where(c => c.Id == project.CompanyId).Select(c => c.Name).SingleAsync(ct);
            Overlap = OverlapPicture.Of(calculator, Candidate.FullName, $"{project.Title} ({company})", client, candidate,
                LocalDate.FromDateOnly(project.StartDate), project.DurationWeeks,
                await matching.ClientDaysOffAsync(project, book, ct), book.For(professional.Country));
            ChosenProject = project;
            return;
        }

        if (!ZoneFields.Any(Request.Query.ContainsKey))
        {
            return;
        }

        var query = new OverlapToolQuery
        {
            ClientTimeZone = Trimmed("clientTimeZone"),
            ClientStart = Trimmed("clientStart"),
            ClientEnd = Trimmed("clientEnd"),
            From = Trimmed("from"),
            Weeks = Trimmed("weeks"),
            ProfessionalTimeZone = candidate.TimeZoneId,
            ProfessionalStart = candidate.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
            ProfessionalEnd = candidate.End.ToString("HH:mm", CultureInfo.InvariantCulture),
            ProfessionalDays = WorkDaysFormat.Format(candidate.Days),
        };
        var validation = await HttpContext.RequestServices.GetRequiredService<FluentValidation.IValidator<OverlapToolQuery>>().ValidateAsync(query, ct);
        if (!validation.IsValid)
        {
            // Only the client side is typed here; a candidate's own hours were checked when they were saved.
            Errors = validation.Errors.Where(e => ZoneFields.Contains(e.PropertyName))
                .GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
            if (Errors.Count > 0)
            {
                return;
            }
        }

        var zone = new WorkSchedule(query.ClientTimeZone!, OverlapToolQueryValidator.Time(query.ClientStart)!.Value,
            OverlapToolQueryValidator.Time(query.ClientEnd)!.Value, WorkDays.Weekdays);
        Overlap = OverlapPicture.Of(calculator, Candidate.FullName, $"{query.ClientTimeZone} {query.ClientStart}–{query.ClientEnd}", zone, candidate,
            OverlapToolQueryValidator.Date(query.From)!.Value, int.Parse(query.Weeks!, CultureInfo.InvariantCulture));
    }

    private string? Trimmed(string key) => Request.Query.ContainsKey(key) ? Request.Query[key].ToString().Trim() : null;

    private string DefaultFor(string key) => key switch
    {
        "clientTimeZone" => "America/New_York",
        "clientStart" => "09:00",
        "clientEnd" => "17:00",
        "from" => LocalDate.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        "weeks" => "12",
        _ => "",
    };
}
