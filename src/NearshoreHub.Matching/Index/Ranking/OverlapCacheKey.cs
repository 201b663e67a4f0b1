using NodaTime;

namespace NearshoreHub.Matching;

internal readonly record struct OverlapCacheKey(string Zone, LocalTime Start, LocalTime End, WorkDays Days, LocalDate From, int Weeks);
