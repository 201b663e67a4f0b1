using NodaTime;

namespace NearshoreHub.Matching;

public enum HolidayKind
{
    Holiday,
    Closure,
}

public enum HolidaySide
{
    Client,
    Professional,
}

/// <summary>A day off: a public holiday of <see cref="Country"/>, or a company closure day (no country).</summary>
public sealed record HolidayDay(LocalDate Date, string Name, string? Country, HolidayKind Kind);

/// <summary>A day off that removed work from an overlap (product spec §9), dated in its side's zone.</summary>
public sealed record HolidayHit(LocalDate Date, string? Country, string Name, HolidaySide Side, HolidayKind Kind);

/// <summary>Days off by local date; where two fall on one date the first given is kept.</summary>
public sealed class HolidaySet
{
    public static readonly HolidaySet Empty = new([]);

    private readonly Dictionary<LocalDate, HolidayDay> _days;

    public HolidaySet(IEnumerable<HolidayDay> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        _days = [];
        foreach (var day in days)
        {
            _days.TryAdd(day.Date, day);
        }
    }

    public int Count => _days.Count;

    public bool IsEmpty => _days.Count == 0;

    public IEnumerable<HolidayDay> Days => _days.Values.OrderBy(d => d.Date);

    public bool Contains(LocalDate date) => _days.ContainsKey(date);

    public bool TryGet(LocalDate date, out HolidayDay day) => _days.TryGetValue(date, out day!);

    /// <summary>Both sets; on a date in both, this set's day is kept.</summary>
    public HolidaySet Union(HolidaySet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.IsEmpty)
        {
            return this;
        }

        return IsEmpty ? other : new HolidaySet(_days.Values.Concat(other._days.Values));
    }

    /// <summary>A stable text naming the dates of this set inside [from, to], for cache keys.</summary>
    public string KeyWithin(LocalDate from, LocalDate to)
    {
        if (IsEmpty)
        {
            return "";
        }

        var dates = _days.Keys.Where(d => d >= from && d <= to).Order().Select(d => OverlapMath.EpochDay(d));
        return string.Join(',', dates);
    }
}

/// <summary>The calendars professionals observe, by country code; a country without one observes none.</summary>
public sealed class HolidayBook
{
    public static readonly HolidayBook Empty = new(new Dictionary<string, HolidaySet>(), 0);

    private readonly IReadOnlyDictionary<string, HolidaySet> _byCountry;

    public HolidayBook(IReadOnlyDictionary<string, HolidaySet> byCountry, long version)
    {
        _byCountry = byCountry ?? throw new ArgumentNullException(nameof(byCountry));
        Version = version;
    }

    /// <summary>Changes whenever any calendar changes; cached overlaps are keyed by it.</summary>
    public long Version { get; }

    /// <summary>Optional text identifying the content, for the owner to tell whether a reload changed anything.</summary>
    public string Fingerprint { get; init; } = "";

    public IEnumerable<string> Countries => _byCountry.Keys;

    public HolidaySet For(string? country) =>
        country is not null && _byCountry.TryGetValue(country, out var set) ? set : HolidaySet.Empty;
}
