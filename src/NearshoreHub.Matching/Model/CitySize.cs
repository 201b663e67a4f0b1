namespace NearshoreHub.Matching;

/// <summary>Town &lt; 100,000 people; City 100,000–999,999; Metro ≥ 1,000,000.</summary>
public enum CitySize
{
    Town,
    City,
    Metro,
}

public static class CitySizes
{
    public const int CityThreshold = 100_000;
    public const int MetroThreshold = 1_000_000;

    public static CitySize FromPopulation(int population) =>
        population >= MetroThreshold ? CitySize.Metro
        : population >= CityThreshold ? CitySize.City
        : CitySize.Town;

    public static string ToApiString(this CitySize size) => size switch
    {
        CitySize.Metro => "metro",
        CitySize.City => "city",
        _ => "town",
    };
}
