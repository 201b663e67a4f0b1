using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Seed;

/// <summary>
/// Ships the public-holiday calendars with the product (Data/Reference/holidays.csv): adds every shipped day whose
/// country and date have no row yet. A day an admin deleted keeps its row as a tombstone, so it is never added back;
/// an admin's own name for a day is never overwritten.
/// </summary>
public static class HolidaySeeder
{
    public sealed record ShippedHoliday(string Country, DateOnly Date, string Name);

    public static IReadOnlyList<ShippedHoliday> ReadShipped(string path)
    {
        var rows = new List<ShippedHoliday>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            // country,date,name — the name is the rest of the line, quoted when it holds a comma or a quote.
            var country = line[..2];
            var date = DateOnly.ParseExact(line.AsSpan(3, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var name = line[14..];
            if (name.Length >= 2 && name[0] == '"' && name[^1] == '"')
            {
                name = name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            rows.Add(new ShippedHoliday(country, date, name));
        }

        return rows;
    }

    public static async Task<int> SeedAsync(NearshoreDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var shipped = ReadShipped(SkillCatalogSeeder.ReferenceFile("holidays.csv"));
        var known = await db.Holidays.AsNoTracking().Select(h => new { h.Country, h.Date }).ToListAsync(ct);
        var taken = new HashSet<(string, DateOnly)>(known.Select(k => (k.Country, k.Date)));
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var day in shipped)
        {
            if (!taken.Add((day.Country, day.Date)))
            {
                continue;
            }

            db.Holidays.Add(new Holiday { Id = Guid.NewGuid(), Country = day.Country, Date = day.Date, Name = day.Name, Shipped = true, CreatedAt = now });
            added++;
        }

        if (added > 0)
        {
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        return added;
    }
}
