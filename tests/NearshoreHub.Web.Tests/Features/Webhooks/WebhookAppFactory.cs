using Microsoft.AspNetCore.Hosting;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Features.Webhooks;

/// <summary>
/// The app with a loopback receiver exempted by Webhooks:AllowedPrivateTargets and a retry schedule of fractions
/// of a second, so retries, 410 and the 24-hour window can be watched in a test.
/// </summary>
public class WebhookAppFactory : NearshoreApiFactory
{
    public WebhookReceiver Receiver { get; private set; } = null!;

    /// <summary>Whether this instance runs its dispatcher; durability tests run theirs in separate instances.</summary>
    protected virtual bool Dispatches => true;

    public const string MetricsToken = "webhook-metrics-token";

    public override async Task InitializeAsync()
    {
        Receiver = await WebhookReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Receiver.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        Configure(builder, Receiver.Origin, Dispatches);
        builder.UseSetting("Metrics:ScrapeToken", MetricsToken);
    }

    public static void Configure(IWebHostBuilder builder, string receiverOrigin, bool dispatches = true)
    {
        builder.UseSetting("Webhooks:AllowedPrivateTargets:0", receiverOrigin);
        builder.UseSetting("Webhooks:RetrySchedule:0", "00:00:00.200");
        builder.UseSetting("Webhooks:RetrySchedule:1", "00:00:00.400");
        builder.UseSetting("Webhooks:RepeatInterval", "00:00:00.500");
        builder.UseSetting("Webhooks:RetryWindow", "00:01:00");
        builder.UseSetting("Webhooks:PollInterval", "00:00:00.100");
        builder.UseSetting("Webhooks:Lease", "00:00:05");
        builder.UseSetting("Webhooks:Timeout", "00:00:01.500");
        builder.UseSetting("Webhooks:DispatcherEnabled", dispatches ? "true" : "false");
    }
}

/// <summary>Finished deliveries are kept for half a second only, and purged every 200 ms.</summary>
public sealed class ShortRetentionWebhookAppFactory : WebhookAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:Retention", "00:00:00.500");
        builder.UseSetting("Webhooks:PurgeInterval", "00:00:00.200");
    }
}

/// <summary>The API without a dispatcher: the instances a test starts beside it do the delivering.</summary>
public sealed class QuietWebhookAppFactory : WebhookAppFactory
{
    protected override bool Dispatches => false;
}
