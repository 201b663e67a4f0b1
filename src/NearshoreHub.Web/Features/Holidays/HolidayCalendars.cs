using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NodaTime;

namespace NearshoreHub.Web.Features.Holidays;

/// <summary>
/// The public-holiday calendars in memory (product spec §9), read from PostgreSQL. Edits through this instance reload
/// at once; edits through another instance are seen within <see cref="MaxAge"/>.
/// </summary>
public sealed class HolidayCalendars(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    public const int FirstYear = 2024;
    public const int LastYear = 2035;

    /// <summary>The calendars the product ships (Data/Reference/holidays.csv).</summary>
    public static readonly IReadOnlyList<string> Shipped =
        ["US", "AR", "BO", "BR", "CL", "CO", "CR", "DO", "EC", "GT", "HN", "MX", "NI", "PA", "PE", "PY", "SV", "UY", "VE"];

    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _version;
    private volatile Loaded? _loaded;

    private sealed record Loaded(HolidayBook Book, HashSet<string> Known, DateTimeOffset At);

    public void Dispose() => _gate.Dispose();

    public static bool InRange(DateOnly date) => date.Year is >= FirstYear and <= LastYear;

    public async Task<HolidayBook> GetAsync(CancellationToken ct) => (await LoadedAsync(ct)).Book;

    /// <summary>A calendar code a project or the calculator may name: a shipped one or one with admin-added days.</summary>
    public async Task<bool> IsKnownAsync(string? code, CancellationToken ct) =>
        code is not null && (Shipped.Contains(code, StringComparer.Ordinal) || (await LoadedAsync(ct)).Known.Contains(code));

    public bool IsKnownCached(string? code) =>
        code is not null && (Shipped.Contains(code, StringComparer.Ordinal) || (_loaded?.Known.Contains(code) ?? false));

    /// <summary>The client side's days off: the named calendars (in order) and then the closures.</summary>
    public static HolidaySet ClientDaysOff(HolidayBook book, IEnumerable<string> calendars, IEnumerable<CompanyClosure> closures)
    {
        var days = new List<HolidayDay>();
        foreach (var code in calendars)
        {
            days.AddRange(book.For(code).Days);
        }

        foreach (var closure in closures)
        {
            for (var date = closure.From; date <= closure.To; date = date.AddDays(1))
            {
                days.Add(new HolidayDay(LocalDate.FromDateOnly(date), closure.Name, null, HolidayKind.Closure));
            }
        }

        return new HolidaySet(days);
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            await LoadAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Loaded> LoadedAsync(CancellationToken ct)
    {
        var loaded = _loaded;
        if (loaded is not null && clock.GetUtcNow() - loaded.At < MaxAge)
        {
            return loaded;
        }

        await _gate.WaitAsync(ct);
        try
        {
            loaded = _loaded;
            return loaded is not null && clock.GetUtcNow() - loaded.At < MaxAge ? loaded : await LoadAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Loaded> LoadAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
        var rows = await db.Holidays.AsNoTracking().Where(h => h.DeletedAt == null)
            .OrderBy(h => h.Country).ThenBy(h => h.Date)
            .Select(h => new { h.Country, h.Date, h.Name })
            .ToListAsync(ct);
        var byCountry = rows.GroupBy(r => r.Country, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => new HolidaySet(g.Select(r => new HolidayDay(LocalDate.FromDateOnly(r.Date), r.Name, r.Country, HolidayKind.Holiday))),
            StringComparer.Ordinal);
        var previous = _loaded;
        var fingerprint = Fingerprint(byCountry);
        var version = previous is not null && Fingerprint(previous.Book) == fingerprint ? previous.Book.Version : Interlocked.Increment(ref _version);
        var loaded = new Loaded(new HolidayBook(byCountry, version) { Fingerprint = fingerprint }, [.. byCountry.Keys], clock.GetUtcNow());
        _loaded = loaded;
        return loaded;
    }

    private static string Fingerprint(HolidayBook book) => book.Fingerprint;

    private static string Fingerprint(Dictionary<string, HolidaySet> byCountry) =>
        string.Join(';', byCountry.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key + ":" + string.Join(',', p.Value.Days.Select(d => d.Date.ToString("yyyyMMdd", null) + d.Name))));
}
