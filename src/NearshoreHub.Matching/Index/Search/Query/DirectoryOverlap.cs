using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>At least <see cref="MinHours"/> of overlap with the window on every weekday of four weeks from <see cref="From"/>.</summary>
public sealed record DirectoryOverlap(string TimeZoneId, LocalTime Start, LocalTime End, double MinHours, LocalDate From);
