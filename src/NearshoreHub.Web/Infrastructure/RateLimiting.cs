using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>Request budgets, bound from <c>RateLimits:*</c>. Each is a fixed one-minute window.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Per API key (by its public prefix) and per signed-in user.</summary>
    public int PerCallerPerMinute { get; set; } = 600;

    /// <summary>Per client IP for anonymous requests other than sign-in.</summary>
    public int AnonymousPerIpPerMinute { get; set; } = 300;

    /// <summary>Per client IP for sign-in attempts (API and page), on top of the per-account lockout.</summary>
    public int SignInPerIpPerMinute { get; set; } = 10;
}

/// <summary>
/// Answers abuse with 429 problem details and a Retry-After header. Budgets are per instance: with N instances
/// behind a balancer a caller gets up to N times the budget (see docs/scaling.md).
/// </summary>
public static class RateLimiting
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static WebApplicationBuilder AddNearshoreRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RateLimitSettings>(builder.Configuration.GetSection("RateLimits"));
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            // Sign-in is limited by IP before the caller budget, so guessing passwords from one address stops
            // at a handful of tries whatever accounts it aims at.
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(SignInPartition),
                PartitionedRateLimiter.Create<HttpContext, string>(CallerPartition));
        });
        return builder;
    }

    /// <summary>Runs after authentication, so signed-in users are counted by who they are rather than where from.</summary>
    public static IApplicationBuilder UseNearshoreRateLimiting(this IApplicationBuilder app) => app.UseRateLimiter();

    internal static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/api/v1/auth/login", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase));

    private static RateLimitPartition<string> SignInPartition(HttpContext context)
    {
        if (!IsSignIn(context.Request))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var limit = Settings(context).SignInPerIpPerMinute;
        return RateLimitPartition.GetFixedWindowLimiter("signin:" + ClientIp(context), _ => Fixed(limit));
    }

    private static RateLimitPartition<string> CallerPartition(HttpContext context)
    {
        // Probes and scrapes must keep working while a caller is being throttled.
        if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics"))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var settings = Settings(context);
        // The key prefix is counted whether or not the key turns out valid: a flood of bad keys is still a flood.
        if (context.Request.Headers.TryGetValue(ApiKeys.HeaderName, out var key) && ApiKeys.TryGetPrefix(key.ToString(), out var prefix))
        {
            return RateLimitPartition.GetFixedWindowLimiter("key:" + prefix, _ => Fixed(settings.PerCallerPerMinute));
        }

        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            return RateLimitPartition.GetFixedWindowLimiter("user:" + userId, _ => Fixed(settings.PerCallerPerMinute));
        }

        return RateLimitPartition.GetFixedWindowLimiter("ip:" + ClientIp(context), _ => Fixed(settings.AnonymousPerIpPerMinute));
    }

    private static FixedWindowRateLimiterOptions Fixed(int permits) => new()
    {
        PermitLimit = Math.Max(1, permits),
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static RateLimitSettings Settings(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptions<RateLimitSettings>>().Value;

    // The connection's address: behind a proxy, configure ForwardedHeaders so this is the client, not the proxy.
    private static string ClientIp(HttpContext context) =>
        (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests. Wait before retrying.",
                Detail = $"Retry after {seconds} s.",
            },
        });
    }
}
