using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>Working hours in an IANA zone: <see cref="Start"/> before <see cref="End"/> on the same local day.</summary>
public sealed record WorkSchedule
{
    public WorkSchedule(string timeZoneId, LocalTime start, LocalTime end, WorkDays days)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZoneId);
        if (start >= end)
        {
            throw new ArgumentException($"Working hours must start before they end on the same day ({start:HH:mm} - {end:HH:mm}).", nameof(end));
        }

        TimeZoneId = timeZoneId;
        Start = start;
        End = end;
        Days = days & WorkDays.All;
    }

    public string TimeZoneId { get; }

    public LocalTime Start { get; }

    public LocalTime End { get; }

    public WorkDays Days { get; }

    /// <summary>Nominal length of one working day in hours.</summary>
    public double LengthHours => (End.TickOfDay - Start.TickOfDay) / (double)NodaConstants.TicksPerHour;

    public void Deconstruct(out string timeZoneId, out LocalTime start, out LocalTime end, out WorkDays days)
    {
        timeZoneId = TimeZoneId;
        start = Start;
        end = End;
        days = Days;
    }
}
