namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// Browsers on other origins may call the API: it authenticates with an API key or a bearer token, never a cookie, so
/// any origin is safe, and credentials are never allowed. Pages (cookie sign-in) are not opened to other origins.
/// The headers a client needs (Location, ETag, RateLimit, Retry-After) are exposed to scripts.
/// </summary>
public static class ApiCors
{
    private const string Policy = "api";

    public static IServiceCollection AddNearshoreApiCors(this IServiceCollection services) =>
        services.AddCors(options => options.AddPolicy(Policy, policy => policy
            .AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()
            .WithExposedHeaders("Location", "ETag", "Retry-After", RateLimitHeaders.Policy, RateLimitHeaders.State)
            .SetPreflightMaxAge(TimeSpan.FromHours(1))));

    public static IApplicationBuilder UseNearshoreApiCors(this IApplicationBuilder app) =>
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseCors(Policy));
}
