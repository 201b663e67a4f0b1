using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Matching;

public sealed record OverlapResult(
    double AverageHours,
    double MinimumHours,
    double MaximumHours,
    int WorkingDayCount,
    IReadOnlyList<DayOverlap> Days,
    IReadOnlyList<OverlapChange> Changes)
{
    /// <summary>With-holidays overlap summed over the client working days, divided by their number (product spec §9).</summary>
    public double EffectiveAverageHours { get; init; } = AverageHours;

    /// <summary>Client working days: project working days of the engagement that are no client holiday or closure day.</summary>
    public int ClientWorkingDays => WorkingDayCount;

    /// <summary>Client working days whose with-holidays overlap is above zero.</summary>
    public int SharedDays { get; init; }

    /// <summary>Only the days off that removed work, client days first, each dated in its side's zone.</summary>
    public IReadOnlyList<HolidayHit> Holidays { get; init; } = [];
}
