using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

/// <summary>A UTC-offset change of one of the two zones (DST start or end, or a rule change).</summary>
public sealed record ZoneTransition(
    string ZoneId,
    bool IsClientZone,
    Instant At,
    LocalDate LocalDate,
    Offset OffsetBefore,
    Offset OffsetAfter,
    bool StartsDaylightTime,
    bool EndsDaylightTime);
