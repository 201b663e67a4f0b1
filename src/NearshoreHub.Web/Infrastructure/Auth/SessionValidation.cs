using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace NearshoreHub.Web.Infrastructure.Auth;

/// <summary>
/// Runs right after authentication: a staff cookie or bearer token counts only while its server-side session is
/// active (<see cref="SessionStore.IsActiveAsync"/>). Otherwise the request goes on as anonymous, so it gets the usual
/// 401 (API) or sign-in redirect (pages). API keys have no session and are not affected.
/// </summary>
internal sealed class SessionValidationMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, SessionStore sessions)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true && user.FindFirstValue(NearshoreClaims.ApiKeyId) is null)
        {
            var active = SessionStore.SessionId(user) is { } sessionId
                && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
                && await sessions.IsActiveAsync(sessionId, userId, context.RequestAborted);
            if (!active)
            {
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
                if (context.Request.Cookies.ContainsKey(AuthSetup.CookieName))
                {
                    context.Response.Cookies.Delete(AuthSetup.CookieName);
                }
            }
        }

        await next(context);
    }
}

public static class SessionSetup
{
    public static IServiceCollection AddNearshoreSessions(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SessionSettings>(configuration.GetSection("Sessions"));
        services.AddSingleton<SessionStore>();
        // Identity re-creates a cookie's principal every half hour (security stamp check); the session must survive it.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.NewPrincipal?.Identity is ClaimsIdentity identity && context.CurrentPrincipal is { } current)
            {
                foreach (var claim in current.FindAll(c => c.Type is SessionStore.SessionClaim or SessionStore.RefreshClaim))
                {
                    identity.AddClaim(new Claim(claim.Type, claim.Value));
                }
            }

            return Task.CompletedTask;
        });
        return services;
    }

    /// <summary>Call right after UseAuthentication.</summary>
    public static IApplicationBuilder UseNearshoreSessions(this IApplicationBuilder app) => app.UseMiddleware<SessionValidationMiddleware>();
}
