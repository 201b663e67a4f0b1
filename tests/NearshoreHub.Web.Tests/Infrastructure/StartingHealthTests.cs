using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serilog.Core;
using Serilog.Events;

namespace NearshoreHub.Web.Tests.Infrastructure;

/// <summary>The app with its logs captured and one more readiness check that a test turns on and off.</summary>
public sealed class SwitchedReadinessFactory : NearshoreApiFactory
{
    public CapturedLogs Logs { get; } = new();

    public bool Ready { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<ILogEventSink>(Logs);
            services.AddHealthChecks().AddCheck("switch", () => Ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Switched off."), tags: ["ready"]);
        });
    }
}

/// <summary>
/// A starting instance answers /health/ready with 503 as documented, but does not log that as an error; once it has
/// been ready, a failing check and the 503 are errors again.
/// </summary>
public sealed class StartingHealthTests(SwitchedReadinessFactory app) : IClassFixture<SwitchedReadinessFactory>
{
    [Fact]
    public async Task Readiness_failures_are_errors_only_after_the_instance_was_ready()
    {
        using var probe = app.CreateClient();

        app.Ready = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("/health/ready")).StatusCode);
        var starting = await HealthEventsAsync(requests: 1);
        Assert.Contains(starting, e => e.Level == LogEventLevel.Information && e.RenderMessage().Contains("503", StringComparison.Ordinal));
        Assert.DoesNotContain(starting, e => e.Level >= LogEventLevel.Warning);

        app.Ready = true;
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);

        app.Ready = false;
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("/health/ready")).StatusCode);
        var afterReady = (await HealthEventsAsync(requests: 3)).Except(starting).ToList();
        Assert.Contains(afterReady, e => e.Level == LogEventLevel.Error && e.RenderMessage().Contains("switch", StringComparison.Ordinal));
        Assert.Contains(afterReady, e => e.Level == LogEventLevel.Error && e.RenderMessage().Contains("503", StringComparison.Ordinal));
    }

    /// <summary>
    /// The events about readiness once <paramref name="requests"/> request lines for /health/ready are written (the
    /// request log writes its line as the response completes, which may be just after the client has read it).
    /// </summary>
    private async Task<List<LogEvent>> HealthEventsAsync(int requests)
    {
        for (var wait = 0; wait < 100 && RequestLines() < requests; wait++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(requests, RequestLines());
        return app.Logs.Events.Where(e => IsRequestLine(e) || e.RenderMessage().StartsWith("Health check ", StringComparison.Ordinal)).ToList();

        int RequestLines() => app.Logs.Events.Count(IsRequestLine);
        static bool IsRequestLine(LogEvent e) => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)
            && e.Properties.TryGetValue("RequestPath", out var path) && path is ScalarValue { Value: "/health/ready" };
    }
}
