using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Companies;

public sealed record CompanyRequest(string? Name, string? TimeZone);

public sealed record CompanyDto(Guid Id, string Name, string TimeZone, DateTimeOffset CreatedAt);

public sealed record ApiKeyRequest(string? Name);

/// <summary>The only answer that ever contains the key itself.</summary>
public sealed record CreatedApiKeyDto(Guid Id, string Name, string Prefix, string Key, DateTimeOffset CreatedAt);

public sealed record ApiKeyDto(Guid Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

public sealed record ApiKeyList(IReadOnlyList<ApiKeyDto> Items);

public sealed record CompanyListQuery : PageQuery
{
    public string? Q { get; init; }
}
