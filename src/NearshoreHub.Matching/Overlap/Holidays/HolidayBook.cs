namespace NearshoreHub.Matching;

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
