using System.Security.Claims;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Reports;

public sealed record CreateMatchReportRequest(int? Limit);

/// <summary>Decision is read as text (any case; the validator names a wrong one) and documented as <see cref="ReviewDecision"/>.</summary>
public sealed record ReviewRequest([property: DocumentAs(typeof(ReviewDecision))] string? Decision, string? Notes);

/// <summary>What a reviewer may decide about a match report: its values are the ones <see cref="ReviewStatus"/> then shows.</summary>
public enum ReviewDecision
{
    Approved,
    Rejected,
}

public sealed record ReviewDto(ReviewStatus Status, string? Reviewer, DateTimeOffset? ReviewedAt, string? Notes);

public sealed record MatchReportSummaryDto(Guid Id, Guid ProjectId, DateTimeOffset CreatedAt, string CreatedBy, string AlgorithmVersion, int Limit, int EligibleCount, ReviewDto Review);

public sealed record MatchReportDto(
    Guid Id, Guid ProjectId, DateTimeOffset CreatedAt, string CreatedBy, string AlgorithmVersion, int Limit, int EligibleCount,
    ReviewDto Review, MatchesResponse Ranking);

public sealed record MatchReportListQuery : PageQuery
{
    /// <summary>
    /// pendingReview, approved or rejected, as reports show it. Text rather than the enum because minimal-API
    /// binding of enums is case-sensitive ("Approved" only) and a failed bind is a 400 without a field key.
    /// </summary>
    [DocumentAs(typeof(ReviewStatus))]
    public string? Status { get; init; }

    internal ReviewStatus? ParsedStatus =>
        Status is { Length: > 0 } s && char.IsAsciiLetter(s[0]) && Enum.TryParse<ReviewStatus>(s, ignoreCase: true, out var status) && Enum.IsDefined(status)
            ? status
            : null;
}
