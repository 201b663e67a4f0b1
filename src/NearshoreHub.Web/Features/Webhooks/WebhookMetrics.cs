using System.Diagnostics.Metrics;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Features.Webhooks;

/// <summary>
/// Deliveries by outcome and the age of the oldest pending delivery: a receiver that is down shows as failures
/// climbing and the age growing while the rate of successes stays flat.
/// </summary>
internal static class WebhookMetrics
{
    private static readonly Meter Meter = new(Metrics.MatchingMeter);
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>(
        "nearshorehub.webhooks.deliveries", "{attempt}", "Webhook delivery attempts by outcome");
    private static double _oldestPendingSeconds;

    static WebhookMetrics() => Meter.CreateObservableGauge(
        "nearshorehub.webhooks.outbox.oldest_pending_age", () => Volatile.Read(ref _oldestPendingSeconds), "s",
        "Age of the oldest webhook delivery not yet delivered or given up");

    public static void Attempted(AttemptOutcome outcome) =>
        Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            AttemptOutcome.Succeeded => "succeeded",
            AttemptOutcome.FailedStatus => "failed_status",
            AttemptOutcome.Gone => "gone",
            AttemptOutcome.Timeout => "timeout",
            AttemptOutcome.NetworkError => "network_error",
            _ => "blocked",
        }));

    public static void OldestPending(double seconds) => Volatile.Write(ref _oldestPendingSeconds, seconds);
}
