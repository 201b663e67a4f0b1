using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Auth;

/// <summary>Bearer sign-in and server-side sessions (product.md §6 "Sessions can be ended", "Sign-in gives nothing away").</summary>
public static class AuthApi
{
    public static RouteGroupBuilder MapAuth(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/auth").WithTags("Auth").WithValidation();

        // Both answer with fresh tokens: never stored for an Idempotency-Key (the header is ignored).
        group.MapPost("/login", Login).WithName("Login").AllowAnonymous()
            .WithMetadata(new SignInLimitAttribute(), new IdempotencyAttribute(IdempotencyMode.Ignore))
            .WithSummary("Signs staff in and returns a bearer token {tokenType, accessToken, expiresIn, refreshToken}. "
                + "A wrong password, an unknown email and a locked account get the same 401.")
            .Produces<AccessTokenResponse>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/refresh", Refresh).WithName("RefreshToken").AllowAnonymous()
            .WithMetadata(new IdempotencyAttribute(IdempotencyMode.Ignore))
            .WithSummary("Exchanges a refresh token for new tokens. Each refresh token works once; presenting a used one ends its session.")
            .Produces<AccessTokenResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout", Logout).WithName("Logout").AllowAnonymous()
            .WithSummary("Ends the session of a refresh token: its access and refresh tokens stop working.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("/logout-all", LogoutAll).WithName("LogoutEverywhere").RequireAuthorization(Policies.Staff)
            .WithSummary("Ends every session of the signed-in user, this one included.")
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/password", ChangePassword).WithName("ChangePassword").RequireAuthorization(Policies.Staff)
            .WithSummary("Changes the signed-in user's password; keeps this session and ends all others.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return group;
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> Login(LoginRequest request, SignInService signIn, HttpContext http)
    {
        var user = await signIn.CheckPasswordAsync(request.Email!, request.Password!, http);
        if (user is null)
        {
            return TypedResults.Problem(title: SignInService.FailureMessage, statusCode: StatusCodes.Status401Unauthorized);
        }

        // The bearer handler writes {tokenType, accessToken, expiresIn, refreshToken} itself.
        var principal = await signIn.OpenSessionAsync(user, "bearer", http);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<SignInHttpResult, ProblemHttpResult>> Refresh(
        RefreshRequest request, SignInManager<AppUser> signIn, UserManager<AppUser> users, SessionStore sessions,
        NearshoreDbContext db, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var ticket = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || SessionStore.SessionId(ticket.Principal) is not { } sessionId || SessionStore.RefreshId(ticket.Principal) is not { } refreshId
            || !Guid.TryParse(users.GetUserId(ticket.Principal), out var userId))
        {
            return Unauthorized();
        }

        var next = Guid.NewGuid();
        var rotated = await sessions.RotateAsync(db, sessionId, refreshId, next, http.RequestAborted);
        if (rotated == RotateResult.Reused)
        {
            await audit.WriteAsync(http, "auth.refresh-reuse", userId.ToString(), $"session {sessionId} ended");
        }

        if (rotated != RotateResult.Rotated || await users.FindByIdAsync(userId.ToString()) is not { } user || await users.IsLockedOutAsync(user))
        {
            return Unauthorized();
        }

        var principal = await signIn.CreateUserPrincipalAsync(user);
        SessionStore.Stamp(principal, new UserSession { Id = sessionId, Kind = "bearer", RefreshId = next });
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Logout(
        LogoutRequest request, SessionStore sessions, NearshoreDbContext db, IOptionsMonitor<BearerTokenOptions> options,
        UserManager<AppUser> users, AuditLog audit, HttpContext http)
    {
        // An expired refresh token still names its session: signing out must work after the token ran out.
        var ticket = options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
        if (SessionStore.SessionId(ticket?.Principal) is not { } sessionId)
        {
            return Unauthorized();
        }

        await sessions.RevokeAsync(db, sessionId, "sign-out", http.RequestAborted);
        await audit.WriteAsync(http, "auth.signout", users.GetUserId(ticket!.Principal), $"session {sessionId}");
        return TypedResults.NoContent();
    }

    private static async Task<NoContent> LogoutAll(SessionStore sessions, NearshoreDbContext db, UserManager<AppUser> users, AuditLog audit, HttpContext http)
    {
        var userId = Guid.Parse(users.GetUserId(http.User)!);
        var ended = await sessions.RevokeAllAsync(db, userId, "sign-out-everywhere", keep: null, http.RequestAborted);
        await audit.WriteAsync(http, "auth.signout-everywhere", userId.ToString(), $"{ended} sessions");
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ValidationProblem>> ChangePassword(PasswordChangeRequest request, PasswordChange change, HttpContext http)
    {
        var errors = await change.ChangeAsync(http, request.CurrentPassword!, request.NewPassword!);
        return errors is null ? TypedResults.NoContent() : TypedResults.ValidationProblem(errors);
    }

    private static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(title: "The refresh token is not valid, used, expired or its session has ended.", statusCode: StatusCodes.Status401Unauthorized);
}
