using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog.Events;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// Until /health/ready first answers Healthy, the instance is starting: its checks fail on purpose (index being built,
/// import being warmed up) and /health/ready answers 503, as documented. Those are not errors, so they are not logged as
/// errors: a start used to write two ERR lines a second for its whole warm-up, and a log alert on ERR fired on every
/// deploy. Once the instance has been ready, a failing check and a 503 from /health/ready are errors again.
/// </summary>
public sealed class StartingHealth
{
    private const string HealthCheckService = "Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService";

    private volatile bool _wasReady;

    /// <summary>Called with every readiness report the endpoint writes.</summary>
    public void Observe(HealthStatus status)
    {
        if (status == HealthStatus.Healthy)
        {
            _wasReady = true;
        }
    }

    /// <summary>For Serilog's filter: a health check's failure while the instance has never been ready (its progress is logged by the work itself).</summary>
    public bool IsStartingCheckFailure(LogEvent logEvent) =>
        !_wasReady
        && logEvent.Level >= LogEventLevel.Warning
        && logEvent.Exception is null
        && logEvent.Properties.TryGetValue("SourceContext", out var source)
        && source is ScalarValue { Value: HealthCheckService };

    /// <summary>For Serilog's request log: a 503 from a health endpoint while starting is information; anything else at the usual level.</summary>
    public LogEventLevel RequestLevel(HttpContext http, Exception? exception)
    {
        var status = http.Response.StatusCode;
        if (exception is null && status == StatusCodes.Status503ServiceUnavailable && !_wasReady && http.Request.Path.StartsWithSegments("/health"))
        {
            return LogEventLevel.Information;
        }

        return exception is not null || status >= 500 ? LogEventLevel.Error : LogEventLevel.Information;
    }
}
