using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

public sealed record OverlapResult(
    double AverageHours,
    double MinimumHours,
    double MaximumHours,
    int WorkingDayCount,
    IReadOnlyList<DayOverlap> Days,
    IReadOnlyList<OverlapChange> Changes);
