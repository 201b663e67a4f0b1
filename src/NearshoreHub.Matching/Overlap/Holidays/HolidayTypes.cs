using NodaTime;

namespace NearshoreHub.Matching;

public enum HolidayKind
{
    Holiday,
    Closure,
}

public enum HolidaySide
{
    Client,
    Professional,
}

/// <summary>A day off: a public holiday of <see cref="Country"/>, or a company closure day (no country).</summary>
public sealed record HolidayDay(LocalDate Date, string Name, string? Country, HolidayKind Kind);

/// <summary>A day off that removed work from an overlap (product spec §9), dated in its side's zone.</summary>
public sealed record HolidayHit(LocalDate Date, string? Country, string Name, HolidaySide Side, HolidayKind Kind);
