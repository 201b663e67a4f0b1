using System.Diagnostics.Metrics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using OpenTelemetry.Metrics;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// OpenTelemetry metrics scraped by Prometheus at /metrics: HTTP request rates and latencies, ranking time and
/// the ranking index's size and freshness (meter "NearshoreHub.Matching").
/// </summary>
/// <remarks>
/// Who may scrape: a request carrying <c>Authorization: Bearer {Metrics:ScrapeToken}</c> (when a token is configured),
/// or a direct loopback connection without forwarding headers (a sidecar or local agent) unless
/// <c>Metrics:AllowLoopback</c> is false. Behind a reverse proxy on the same machine every request looks like loopback,
/// so set AllowLoopback to false there and give Prometheus the token. Anyone else gets 401 problem details.
/// </remarks>
public static class Metrics
{
    public const string Path = "/metrics";
    public const string MatchingMeter = "NearshoreHub.Matching";

    public static WebApplicationBuilder AddNearshoreMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddAspNetCoreInstrumentation()
            .AddMeter(MatchingMeter)
            .AddPrometheusExporter());
        builder.Services.AddSingleton<NearshoreMeter>();
        return builder;
    }

    public static IEndpointConventionBuilder MapNearshoreMetrics(this IEndpointRouteBuilder routes) =>
        routes.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
        {
            if (IsAllowed(context))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status401Unauthorized,
                    Title = "Metrics are for the monitoring system: scrape from loopback or with the configured token.",
                },
            });
        }), optionsName: null).WithTags("Health").WithName("Metrics");

    internal static bool IsAllowed(HttpContext context)
    {
        var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
        var token = configuration["Metrics:ScrapeToken"];
        if (!string.IsNullOrEmpty(token))
        {
            var presented = context.Request.Headers.Authorization.ToString();
            var expected = "Bearer " + token;
            if (CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
            {
                return true;
            }
        }

        var forwarded = context.Request.Headers.ContainsKey("X-Forwarded-For") || context.Request.Headers.ContainsKey("Forwarded");
        return configuration.GetValue("Metrics:AllowLoopback", true)
            && !forwarded
            && context.Connection.RemoteIpAddress is { } ip
            && IPAddress.IsLoopback(ip);
    }
}

/// <summary>
/// The app's one meter source (<see cref="Metrics.MatchingMeter"/>), made by the host's meter factory so each host
/// (and each test server) has its own: the instruments every feature records into.
/// </summary>
public sealed class NearshoreMeter
{
    public NearshoreMeter(IMeterFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Meter = factory.Create(Metrics.MatchingMeter);
        RankingTime = Meter.CreateHistogram<double>("nearshorehub.ranking.duration", "ms", "Time to rank one project");
        SearchTime = Meter.CreateHistogram<double>(
            "nearshorehub.search.duration", "ms", "Time the candidate index takes to filter, count and order one recruiter search");
    }

    /// <summary>For observable gauges (the ranking index's size and freshness).</summary>
    public Meter Meter { get; }

    public Histogram<double> RankingTime { get; }

    public Histogram<double> SearchTime { get; }
}
