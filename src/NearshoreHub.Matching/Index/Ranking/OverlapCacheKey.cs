using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>One client schedule over one engagement, with the client's days off in it and the professionals' calendars' version.</summary>
internal readonly record struct OverlapCacheKey(
    string Zone, LocalTime Start, LocalTime End, WorkDays Days, LocalDate From, int Weeks, string ClientDaysOff, long CalendarsVersion);
