using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Holidays;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Admin.Holidays;

/// <summary>Admins read, add and delete public holidays (issue 17), and see the time-zone rules in use.</summary>
public sealed class IndexModel(
    NearshoreDbContext db, HolidayCalendars calendars, IValidator<HolidayRequest> validator, TimeProvider clock, AuditLog audit, TimeZoneRules zones) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; } = "US";

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty]
    public HolidayInput Input { get; set; } = new();

    public IReadOnlyList<HolidayDto> Days { get; private set; } = [];

    public TimeZoneRules Zones => zones;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddAsync()
    {
        var request = new HolidayRequest(Input.Country, Input.Date, Input.Name);
        var result = await validator.ValidateAsync(request, HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            ModelState.AddFieldErrors(result.ToFieldErrors());
            await LoadAsync();
            return Page();
        }

        try
        {
            var day = await HolidayWrites.CreateAsync(request, db, calendars, clock, audit, HttpContext);
            TempData["Message"] = $"Added {day.Name} on {day.Date:yyyy-MM-dd} to {day.Country}.";
            return RedirectToPage(new { country = day.Country, year = day.Date.Year });
        }
        catch (DuplicateException e)
        {
            ModelState.AddModelError("Input.Date", e.Message);
            await LoadAsync();
            return Page();
        }
    }

    public async Task<IActionResult> OnPostDeleteAsync(Guid holidayId)
    {
        if (!await HolidayWrites.DeleteAsync(holidayId, db, calendars, clock, audit, HttpContext))
        {
            return NotFound();
        }

        TempData["Message"] = "The day was deleted; it will not come back at the next start.";
        return RedirectToPage(new { country = Country, year = Year });
    }

    private async Task LoadAsync()
    {
        Year ??= clock.GetUtcNow().Year;
        var country = (Country ?? "").Trim().ToUpperInvariant();
        var year = Math.Clamp(Year.Value, HolidayCalendars.FirstYear, HolidayCalendars.LastYear);
        Days = await db.Holidays.AsNoTracking()
            .Where(h => h.DeletedAt == null && h.Country == country && h.Date >= new DateOnly(year, 1, 1) && h.Date <= new DateOnly(year, 12, 31))
            .OrderBy(h => h.Date)
            .Select(h => new HolidayDto(h.Id, h.Country, h.Date, h.Name, h.Shipped))
            .ToListAsync(HttpContext.RequestAborted);
    }
}

public sealed class HolidayInput
{
    public string? Country { get; set; }
    public DateOnly? Date { get; set; }
    public string? Name { get; set; }
}
