using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Users;

public static class UsersApi
{
    public static RouteGroupBuilder MapUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/users").WithTags("Users").WithValidation().RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithName("ListUsers").WithSummary("Lists staff users and their roles (admin).");
        group.MapPost("/", Create).WithName("CreateUser").WithSummary("Creates a staff user with a role (admin). Accepts Idempotency-Key.");
        // Users: disable and enable (issue 19)
        group.MapPost("/{id:guid}/disable", Disable).WithName("DisableUser")
            .WithSummary("Disables a staff user (admin): sign-in is refused and every session, cookie and token of the user ends within 60 s.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:guid}/enable", Enable).WithName("EnableUser")
            .WithSummary("Enables a disabled or locked-out staff user again (admin).")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    private static async Task<Ok<PagedList<UserDto>>> List([AsParameters] UserListQuery query, UserManager<AppUser> users, TimeProvider clock, CancellationToken ct)
    {
        var total = await users.Users.CountAsync(ct);
        var page = await users.Users.AsNoTracking().OrderBy(u => u.Email).Skip(query.OffsetOrDefault).Take(query.LimitOrDefault).ToListAsync(ct);
        var items = new List<UserDto>(page.Count);
        foreach (var user in page)
        {
            var roles = await users.GetRolesAsync(user);
            items.Add(new UserDto(user.Id, user.Email!, user.DisplayName, roles.Order(StringComparer.Ordinal).ToList(), user.CreatedAt,
                user.LockoutEnd > clock.GetUtcNow()));
        }

        return TypedResults.Ok(new PagedList<UserDto>(items, total));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Disable(Guid id, UserAccess access, HttpContext http) =>
        await access.DisableAsync(id, http) switch
        {
            UserAccessResult.Done => TypedResults.NoContent(),
            UserAccessResult.Self => TypedResults.Problem(title: "You cannot disable your own account.", statusCode: StatusCodes.Status409Conflict),
            _ => TypedResults.NotFound(),
        };

    private static async Task<Results<NoContent, NotFound>> Enable(Guid id, UserAccess access, HttpContext http) =>
        await access.EnableAsync(id, http) == UserAccessResult.Done ? TypedResults.NoContent() : TypedResults.NotFound();

    private static async Task<Results<Created<UserDto>, ValidationProblem>> Create(
        UserRequest request, UserManager<AppUser> users, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var (created, errors) = await UserWrites.CreateAsync(request, users, clock, audit, http);
        return created is null
            ? TypedResults.ValidationProblem(errors!)
            : TypedResults.Created($"/api/v1/users/{created.Id}", created);
    }
}
