using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>
/// The searchable side of a candidate. <see cref="SearchText"/> is lower-case and accent-free (the caller normalises it
/// exactly as it normalises search words) and starts with the name: its first <see cref="NameLength"/> characters are
/// the name, the rest (headline, city …) follows after a space. Name order and relevance read the name part only.
/// </summary>
public sealed record CandidateProfile(string SearchText, int NameLength, Instant UpdatedAt)
{
    public string Name => SearchText[..Math.Clamp(NameLength, 0, SearchText.Length)];

    public string Rest => SearchText[Math.Clamp(NameLength, 0, SearchText.Length)..];
}
