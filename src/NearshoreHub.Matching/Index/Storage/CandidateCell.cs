namespace NearshoreHub.Matching;

/// <summary>
/// One (schedule group, English level) cell of active snapshot candidates with its pool figures. Every candidate in a
/// cell passes or fails a query's overlap and English filters together and shares the overlap and English terms of
/// the key.
/// </summary>
internal readonly record struct CandidateCell(
    int Group, byte English, int Start, int End, int CountryStart, int CountryEnd, int Town, int City, int Metro, int Rural, int TownOrRural)
{
    public int Count => End - Start;
}
