using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.OpenApi;
using NodaTime;
using NodaTime.Text;

namespace NearshoreHub.Web.Features.Tools;

/// <summary>Query parameters arrive as text so that every bad value is reported against its own name.</summary>
public sealed record OverlapToolQuery
{
    [DocumentAs(typeof(string), MaxLength = Reference.MaxTimeZoneLength, Example = "America/New_York")] public string? ClientTimeZone { get; init; }
    [DocumentAs(typeof(TimeOnly))] public string? ClientStart { get; init; }
    [DocumentAs(typeof(TimeOnly))] public string? ClientEnd { get; init; }
    [DocumentAs(typeof(string), MaxLength = Reference.MaxTimeZoneLength, Example = "America/New_York")] public string? ProfessionalTimeZone { get; init; }
    [DocumentAs(typeof(TimeOnly))] public string? ProfessionalStart { get; init; }
    [DocumentAs(typeof(TimeOnly))] public string? ProfessionalEnd { get; init; }
    [DocumentAs(typeof(DateOnly))] public string? From { get; init; }
    [DocumentAs(typeof(int), Minimum = 1, Maximum = 104)] public string? Weeks { get; init; }
    [DocumentAs(typeof(string), MaxLength = 27, Pattern = "^[A-Za-z]{3}(,[A-Za-z]{3})*$", Description = "Comma list of Mon, Tue, Wed, Thu, Fri, Sat, Sun (default Mon to Fri).")] public string? ClientDays { get; init; }
    [DocumentAs(typeof(string), MaxLength = 27, Pattern = "^[A-Za-z]{3}(,[A-Za-z]{3})*$", Description = "Comma list of Mon, Tue, Wed, Thu, Fri, Sat, Sun (default Mon to Fri).")] public string? ProfessionalDays { get; init; }

    /// <summary>Holiday calendars the client observes, comma-separated country codes (e.g. US,BR); default none.</summary>
    [DocumentAs(typeof(string), MaxLength = 200, Pattern = "^[A-Za-z]{2}(,[A-Za-z]{2})*$", Description = "Holiday calendars the client observes: comma list of country codes (default none).", Example = "US")] public string? ClientHolidays { get; init; }

    /// <summary>Holiday calendars the professional observes (e.g. AR); default none.</summary>
    [DocumentAs(typeof(string), MaxLength = 200, Pattern = "^[A-Za-z]{2}(,[A-Za-z]{2})*$", Description = "Holiday calendars the professional observes: comma list of country codes (default none).", Example = "BR")] public string? ProfessionalHolidays { get; init; }
}

public sealed record OverlapDayDto(DateOnly Date, double Hours, double EffectiveHours);

public sealed record ZoneSwitchDto(string TimeZone, string Side, DateOnly Date, string OffsetBefore, string OffsetAfter, bool StartsDaylightTime);

public sealed record OverlapChangeDto(DateOnly Date, double HoursBefore, double HoursAfter, IReadOnlyList<ZoneSwitchDto> Switches);

public sealed record OverlapToolResponse(
    double AverageHours, double MinimumHours, double MaximumHours,
    double EffectiveAverageHours, int ClientWorkingDays, int SharedDays, IReadOnlyList<NearshoreHub.Web.Features.Matching.HolidayHitDto> Holidays,
    IReadOnlyList<OverlapDayDto> Days, IReadOnlyList<OverlapChangeDto> Changes);
