using Microsoft.AspNetCore.Mvc;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Holidays;
using NearshoreHub.Web.Features.Interviews;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Infrastructure;
using NodaTime;

namespace NearshoreHub.Web.Pages.Candidates;

/// <summary>Interview slots against the chosen project (product spec §10): both local times side by side, and booking one.</summary>
public sealed partial class DetailsModel
{
    public const int SlotDays = 7;

    /// <summary>The project chosen for the overlap picture, when there is one.</summary>
    public Project? ChosenProject { get; private set; }

    public IReadOnlyList<InterviewSlotDto> Slots { get; private set; } = [];

    /// <summary>Loads the slots of the next <see cref="SlotDays"/> days against <see cref="ChosenProject"/>.</summary>
    private async Task LoadSlotsAsync(Guid professionalId, CancellationToken ct)
    {
        if (ChosenProject is null)
        {
            return;
        }

        var services = HttpContext.RequestServices;
        var sides = await InterviewAccess.LoadAsync(ChosenProject.Id, professionalId, User, db,
            services.GetRequiredService<MatchingService>(), services.GetRequiredService<HolidayCalendars>(), ct);
        if (sides is null)
        {
            return;
        }

        var finder = services.GetRequiredService<InterviewSlotFinder>();
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        var from = now.InZone(finder.Zones[sides.Client.TimeZoneId]).Date;
        Slots = finder.Find(sides.Client, sides.ClientDaysOff, sides.Candidate, sides.CandidateDaysOff, from, SlotDays, InterviewSlotsApi.DefaultMinutes, now)
            .Select(InterviewSlotsApi.ToDto).ToList();
    }

    public async Task<IActionResult> OnPostBookAsync(Guid id, Guid projectId, DateTimeOffset start)
    {
        var services = HttpContext.RequestServices;
        var sides = await InterviewAccess.LoadAsync(projectId, id, User, db,
            services.GetRequiredService<MatchingService>(), services.GetRequiredService<HolidayCalendars>(), HttpContext.RequestAborted);
        if (sides is null)
        {
            return NotFound();
        }

        try
        {
            var interview = await InterviewWrites.BookAsync(sides, start, InterviewSlotsApi.DefaultMinutes, db,
                services.GetRequiredService<InterviewSlotFinder>(), clock, audit, HttpContext);
            TempData["Message"] = $"Interview booked for {interview.Start.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
        }
        catch (FieldProblemException e)
        {
            TempData["Message"] = "Not booked: " + e.Message;
        }
        catch (DuplicateException e)
        {
            TempData["Message"] = "Not booked: " + e.Message;
        }

        return RedirectToPage(new { id, projectId });
    }
}
