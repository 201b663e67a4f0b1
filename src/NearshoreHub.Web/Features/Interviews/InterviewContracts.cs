using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Interviews;

/// <summary>An offered slot: instants in UTC and each side's local start as YYYY-MM-DDTHH:mm.</summary>
public sealed record InterviewSlotDto(DateTimeOffset Start, DateTimeOffset End, string ClientLocal, string ProfessionalLocal);

public sealed record InterviewSlotList(IReadOnlyList<InterviewSlotDto> Items, int Total);

/// <summary>Query parameters arrive as text so that every bad value is reported against its own name.</summary>
public sealed record InterviewSlotQuery
{
    /// <summary>First client-local date, YYYY-MM-DD; default today in the project's zone.</summary>
    [DocumentAs(typeof(DateOnly), Description = "First client-local date; default today in the project's zone.", Example = "2027-03-01")] public string? From { get; init; }

    /// <summary>Number of client-local dates, 1–28; default 7.</summary>
    [DocumentAs(typeof(int), Minimum = 1, Maximum = 28, Description = "Number of client-local dates (default 7).")] public string? Days { get; init; }

    /// <summary>Length of the interview in minutes, 15–240; default 45.</summary>
    [DocumentAs(typeof(int), Minimum = 15, Maximum = 240, Description = "Length of the interview in minutes (default 45).")] public string? Minutes { get; init; }
}

public sealed record InterviewRequest(Guid? ProfessionalId, DateTimeOffset? Start, int? Minutes);

public sealed record InterviewDto(Guid Id, Guid ProjectId, Guid ProfessionalId, DateTimeOffset Start, DateTimeOffset End, InterviewStatus Status);
