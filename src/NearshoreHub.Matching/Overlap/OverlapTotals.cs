using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

internal readonly record struct OverlapTotals(long SumTicks, long MinTicks, long MaxTicks);
