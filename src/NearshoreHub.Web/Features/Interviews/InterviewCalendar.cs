using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Features.Interviews;

/// <summary>An interview as an RFC 5545 calendar with one VEVENT, times in UTC.</summary>
public static class InterviewCalendar
{
    public static string ToIcs(Interview interview, string projectTitle, string professionalName, string? professionalEmail, DateTimeOffset now)
    {
        var calendar = new Calendar { ProductId = "-//NearshoreHub//Interviews//EN" };
        var summary = $"Interview: {professionalName} for {projectTitle}";
        var evt = new CalendarEvent
        {
            Uid = $"{interview.Id}@nearshorehub",
            DtStamp = new CalDateTime(now.UtcDateTime),
            DtStart = new CalDateTime(interview.Start.UtcDateTime),
            DtEnd = new CalDateTime(interview.End.UtcDateTime),
            Summary = interview.Status == InterviewStatus.Cancelled ? "Cancelled: " + summary : summary,
            Status = interview.Status == InterviewStatus.Cancelled ? "CANCELLED" : "CONFIRMED",
        };
        if (professionalEmail is not null)
        {
            evt.Attendees.Add(new Attendee("mailto:" + professionalEmail) { CommonName = professionalName });
        }

        calendar.Events.Add(evt);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}
