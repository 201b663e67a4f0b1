using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Features.Holidays;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Admin.Companies;

/// <summary>The company's closure periods (issue 17): days the client side observes besides its holiday calendars.</summary>
public sealed partial class DetailsModel
{
    [BindProperty]
    public ClosureInput Closure { get; set; } = new();

    public IReadOnlyList<ClosureDto> Closures { get; private set; } = [];

    public async Task<IActionResult> OnPostAddClosureAsync(Guid id)
    {
        if (!await db.Companies.AnyAsync(c => c.Id == id, HttpContext.RequestAborted))
        {
            return NotFound();
        }

        var request = new ClosureRequest(Closure.From, Closure.To, Closure.Name);
        var result = await HttpContext.RequestServices.GetRequiredService<IValidator<ClosureRequest>>().ValidateAsync(request, HttpContext.RequestAborted);
        if (!result.IsValid)
        {
            ModelState.AddFieldErrors(result.ToFieldErrors(), prefix: nameof(Closure));
            return await LoadAsync(id) ? Page() : NotFound();
        }

        await HolidayWrites.CreateClosureAsync(id, request, db, clock, audit, HttpContext);
        TempData["Message"] = "Closure added; the company's projects leave those days out.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteClosureAsync(Guid id, Guid closureId)
    {
        if (!await HolidayWrites.DeleteClosureAsync(id, closureId, db, audit, HttpContext))
        {
            return NotFound();
        }

        TempData["Message"] = "Closure deleted.";
        return RedirectToPage(new { id });
    }

    private async Task LoadClosuresAsync(Guid id, CancellationToken ct) =>
        Closures = await db.CompanyClosures.AsNoTracking().Where(c => c.CompanyId == id).OrderBy(c => c.From).Take(200)
            .Select(c => new ClosureDto(c.Id, c.CompanyId, c.From, c.To, c.Name, c.CreatedAt)).ToListAsync(ct);
}

public sealed class ClosureInput
{
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public string? Name { get; set; }
}
