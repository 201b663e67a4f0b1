using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Holidays;

/// <summary>Adding and deleting holidays and closures, shared by the API and the admin pages so both check and audit alike.</summary>
internal static class HolidayWrites
{
    /// <summary>Adds a day (a deleted one comes back only this way); a date the country already has throws <see cref="DuplicateException"/>.</summary>
    public static async Task<Holiday> CreateAsync(HolidayRequest request, NearshoreDbContext db, HolidayCalendars calendars, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var country = request.Country!.Trim().ToUpperInvariant();
        var date = request.Date!.Value;
        var existing = await db.Holidays.SingleOrDefaultAsync(h => h.Country == country && h.Date == date, http.RequestAborted);
        if (existing is { DeletedAt: null })
        {
            throw new DuplicateException($"{country} already has a holiday on {date:yyyy-MM-dd} ({existing.Name}).");
        }

        var day = existing ?? new Holiday { Id = Guid.NewGuid(), Country = country, Date = date, Name = "" };
        day.Name = request.Name!.Trim();
        day.DeletedAt = null;
        day.CreatedAt = clock.GetUtcNow();
        if (existing is null)
        {
            db.Holidays.Add(day);
        }

        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "holiday.create", day.Id.ToString(), $"{country} {date:yyyy-MM-dd}");
        await calendars.ReloadAsync(http.RequestAborted);
        return day;
    }

    /// <summary>Leaves a tombstone so the start-up loader never adds a shipped day back; false when there is no such live day.</summary>
    public static async Task<bool> DeleteAsync(Guid id, NearshoreDbContext db, HolidayCalendars calendars, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var day = await db.Holidays.SingleOrDefaultAsync(h => h.Id == id && h.DeletedAt == null, http.RequestAborted);
        if (day is null)
        {
            return false;
        }

        day.DeletedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "holiday.delete", id.ToString(), $"{day.Country} {day.Date:yyyy-MM-dd}");
        await calendars.ReloadAsync(http.RequestAborted);
        return true;
    }

    public static async Task<CompanyClosure> CreateClosureAsync(Guid companyId, ClosureRequest request, NearshoreDbContext db, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var closure = new CompanyClosure
        {
            Id = Guid.NewGuid(),
            CompanyId = companyId,
            From = request.From!.Value,
            To = request.To ?? request.From!.Value,
            Name = request.Name!.Trim(),
            CreatedBy = http.User.Actor(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.CompanyClosures.Add(closure);
        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "closure.create", closure.Id.ToString(), $"company {companyId}");
        return closure;
    }

    public static async Task<bool> DeleteClosureAsync(Guid companyId, Guid closureId, NearshoreDbContext db, AuditLog audit, HttpContext http)
    {
        var deleted = await db.CompanyClosures.Where(c => c.Id == closureId && c.CompanyId == companyId).ExecuteDeleteAsync(http.RequestAborted);
        if (deleted > 0)
        {
            await audit.WriteAsync(http, "closure.delete", closureId.ToString(), $"company {companyId}");
        }

        return deleted > 0;
    }
}
