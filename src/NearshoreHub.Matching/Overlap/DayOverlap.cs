using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

public sealed record DayOverlap(LocalDate Date, double Hours);
