namespace NearshoreHub.Web.Features.Interviews;

/// <summary>An offered slot: instants in UTC and each side's local start as YYYY-MM-DDTHH:mm.</summary>
public sealed record InterviewSlotDto(DateTimeOffset Start, DateTimeOffset End, string ClientLocal, string ProfessionalLocal);

public sealed record InterviewSlotList(IReadOnlyList<InterviewSlotDto> Items, int Total);

/// <summary>Query parameters arrive as text so that every bad value is reported against its own name.</summary>
public sealed record InterviewSlotQuery
{
    /// <summary>First client-local date, YYYY-MM-DD; default today in the project's zone.</summary>
    public string? From { get; init; }

    /// <summary>Number of client-local dates, 1–28; default 7.</summary>
    public string? Days { get; init; }

    /// <summary>Length of the interview in minutes, 15–240; default 45.</summary>
    public string? Minutes { get; init; }
}

public sealed record InterviewRequest(Guid? ProfessionalId, DateTimeOffset? Start, int? Minutes);

public sealed record InterviewDto(Guid Id, Guid ProjectId, Guid ProfessionalId, DateTimeOffset Start, DateTimeOffset End, string Status);
