using System.Text.Json.Serialization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Users;

/// <summary>Role is read as text (any case; the validator names a wrong one) and documented as <see cref="UserRole"/>.</summary>
public sealed record UserRequest(string? Email, string? Password, string? DisplayName, [property: DocumentAs(typeof(UserRole))] string? Role);

public sealed record UserDto(Guid Id, string Email, string DisplayName, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool LockedOut);

/// <summary>
/// A staff user's role, spelled as the user store names it (<see cref="Data.Entities.Roles"/>). <see cref="UserDto.Roles"/>
/// stays a list of text: NSwag's System.Text.Json clients read a list of enums as numbers, so it would break them.
/// </summary>
public enum UserRole
{
    [JsonStringEnumMemberName(Data.Entities.Roles.Admin)] Admin,
    [JsonStringEnumMemberName(Data.Entities.Roles.Recruiter)] Recruiter,
}

public sealed record UserListQuery : PageQuery;
