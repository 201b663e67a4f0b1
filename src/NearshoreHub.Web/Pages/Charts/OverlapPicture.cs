using System.Globalization;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Projects;
using NodaTime;

namespace NearshoreHub.Web.Pages;

/// <summary>A stretch of the client's day in local hours from its midnight (0–24).</summary>
public sealed record HourSpan(double From, double To)
{
    public double Length => To - From;

    public override string ToString() => $"{Clock(From)}–{Clock(To)}";

    public static string Clock(double hours)
    {
        var minutes = (int)Math.Round(hours * 60, MidpointRounding.AwayFromZero);
        return $"{minutes / 60:00}:{minutes % 60:00}";
    }
}

/// <summary>
/// Part of the engagement between two zone switches that change the daily overlap: its first and last client working
/// days, the overlap hours the calculator found for them, and how one of those days looks on the client's clock.
/// </summary>
public sealed record OverlapSegment(
    LocalDate First,
    LocalDate Last,
    int WorkingDays,
    double MinimumHours,
    double MaximumHours,
    HourSpan Client,
    IReadOnlyList<HourSpan> Professional,
    IReadOnlyList<HourSpan> Overlap,
    string? StartsWith);

/// <summary>
/// The 24-hour overlap picture of a candidate against a client window. Hours and switch dates come from
/// <see cref="OverlapCalculator"/> (product spec §2); the only other time-zone work is placing the candidate's
/// working hours on the client's clock for one sample day per segment, which NodaTime does.
/// </summary>
public sealed record OverlapPicture(
    string Id,
    string Subject,
    string ClientLabel,
    string ClientZone,
    string ProfessionalZone,
    LocalDate From,
    LocalDate To,
    OverlapResult Result,
    IReadOnlyList<OverlapSegment> Segments)
{
    public static OverlapPicture Of(
        OverlapCalculator calculator, string subject, string clientLabel, WorkSchedule client, WorkSchedule professional, LocalDate from, int weeks,
        HolidaySet? clientDaysOff = null, HolidaySet? professionalDaysOff = null)
    {
        var result = calculator.Compute(client, professional, from, weeks, clientDaysOff, professionalDaysOff);
        var clientZone = calculator.Zones[client.TimeZoneId];
        var professionalZone = calculator.Zones[professional.TimeZoneId];

        // A segment starts at the engagement's first working day and at every change the calculator ties to a zone switch;
        // changes without a switch (a weekday the candidate does not work) stay inside their segment.
        var switches = result.Changes.Where(c => c.Transitions.Count > 0).ToList();
        var segments = new List<OverlapSegment>();
        var days = result.Days;
        var start = 0;
        for (var s = 0; s <= switches.Count && start < days.Count; s++)
        {
            var end = s < switches.Count ? IndexOf(days, switches[s].Date) : days.Count;
            if (end <= start)
            {
                continue;
            }

            var run = days.Skip(start).Take(end - start).ToList();
            var sample = run[0].Date;
            var clientSpan = new HourSpan(Hours(client.Start), Hours(client.End));
            var professionalSpans = ProfessionalOnClientClock(professional, professionalZone, clientZone, sample);
            var overlap = professionalSpans
                .Select(p => new HourSpan(Math.Max(p.From, clientSpan.From), Math.Min(p.To, clientSpan.To)))
                .Where(o => o.To > o.From)
                .ToList();
            segments.Add(new OverlapSegment(
                sample,
                run[^1].Date,
                run.Count,
                run.Min(d => d.Hours),
                run.Max(d => d.Hours),
                clientSpan,
                professionalSpans,
                overlap,
                start == 0 ? null : Describe(switches[s - 1])));
            start = end;
        }

        return new OverlapPicture(
            "overlap", subject, clientLabel, client.TimeZoneId, professional.TimeZoneId,
            from, from.PlusDays((7 * weeks) - 1), result, segments);
    }

    /// <summary>The days off that removed work between two dates (product spec §9), for marking them on a segment.</summary>
    public IReadOnlyList<HolidayHit> HolidaysBetween(LocalDate first, LocalDate last) =>
        Result.Holidays.Where(h => h.Date >= first.PlusDays(-1) && h.Date <= last.PlusDays(1)).ToList();

    private static int IndexOf(IReadOnlyList<DayOverlap> days, LocalDate date)
    {
        for (var i = 0; i < days.Count; i++)
        {
            if (days[i].Date == date)
            {
                return i;
            }
        }

        return days.Count;
    }

    private static double Hours(LocalTime time) => time.TickOfDay / (double)NodaConstants.TicksPerHour;

    /// <summary>
    /// The candidate's windows on their local dates d−1, d and d+1 (the ones §2 counts), shown on the client's clock for
    /// client date d and clipped to that day. Local times resolve as the calculator resolves them (leniently).
    /// </summary>
    private static List<HourSpan> ProfessionalOnClientClock(WorkSchedule professional, DateTimeZone professionalZone, DateTimeZone clientZone, LocalDate day)
    {
        var midnight = day.AtMidnight();
        var spans = new List<HourSpan>();
        for (var shift = -1; shift <= 1; shift++)
        {
            var date = day.PlusDays(shift);
            if (!professional.Days.Includes(date.DayOfWeek))
            {
                continue;
            }

            double OnClientClock(LocalTime time)
            {
                var local = professionalZone.AtLeniently(date + time).ToInstant().InZone(clientZone).LocalDateTime;
                return Period.Between(midnight, local, PeriodUnits.Ticks).Ticks / (double)NodaConstants.TicksPerHour;
            }

            var from = Math.Max(0, OnClientClock(professional.Start));
            var to = Math.Min(24, OnClientClock(professional.End));
            if (to > from)
            {
                spans.Add(new HourSpan(from, to));
            }
        }

        return spans.OrderBy(s => s.From).ToList();
    }

    private static string Describe(OverlapChange change)
    {
        var t = change.Transitions[0];
        var what = t.StartsDaylightTime ? "switches to daylight time"
            : t.EndsDaylightTime ? "switches back to standard time"
            : "changes its UTC offset";
        return $"{t.ZoneId} {what} on {t.LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} (UTC{t.OffsetBefore} → UTC{t.OffsetAfter})";
    }
}
