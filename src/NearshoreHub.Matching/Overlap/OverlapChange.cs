using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

/// <summary>
/// The daily overlap on <see cref="Date"/> differs from the previous client working day
/// (<see cref="PreviousDate"/>); <see cref="Transitions"/> lists the zone changes that happened between them.
/// </summary>
public sealed record OverlapChange(
    LocalDate PreviousDate,
    LocalDate Date,
    double HoursBefore,
    double HoursAfter,
    IReadOnlyList<ZoneTransition> Transitions);
