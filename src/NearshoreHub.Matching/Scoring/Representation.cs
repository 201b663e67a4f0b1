namespace NearshoreHub.Matching;

/// <summary>Who is in a set of candidates: counts and shares (4 decimals) by country, city size and rural vs urban.</summary>
public sealed record Representation(
    int Total,
    IReadOnlyList<ShareRow> ByCountry,
    IReadOnlyList<ShareRow> ByCitySize,
    IReadOnlyList<ShareRow> ByRurality)
{
    /// <summary>How many are in a town or rural (each counted once): the share the funnel's nudge looks at.</summary>
    public int TownOrRural { get; init; }

    public static Representation Empty { get; } = new RepresentationCounter().ToRepresentation();

    public static Representation Of(IEnumerable<CandidateRecord> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var counter = new RepresentationCounter();
        foreach (var c in candidates)
        {
            counter.Add(c.Country, c.CitySize, c.IsRural);
        }

        return counter.ToRepresentation();
    }
}
