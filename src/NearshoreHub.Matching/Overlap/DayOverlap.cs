using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

public sealed record DayOverlap(LocalDate Date, double Hours)
{
    /// <summary>The overlap with the professional's own holidays removed (product spec §9).</summary>
    public double EffectiveHours { get; init; } = Hours;
}
