using NodaTime;

namespace NearshoreHub.Matching;

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
