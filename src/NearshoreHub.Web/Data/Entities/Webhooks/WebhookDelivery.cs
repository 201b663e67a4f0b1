namespace NearshoreHub.Web.Data.Entities;

public enum WebhookDeliveryStatus { Pending, Succeeded, Failed, Cancelled }

/// <summary>
/// One event on its way to one endpoint. A dispatcher claims it by pushing <see cref="NextAttemptAt"/> past the
/// attempt's lease under FOR UPDATE SKIP LOCKED, so two instances never attempt the same delivery at once.
/// </summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }
    public Guid EventId { get; set; }
    public Guid EndpointId { get; set; }
    public WebhookDeliveryStatus Status { get; set; }
    public int AttemptCount { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>Changes on every claim; only the holder of the current claim may record the attempt's outcome.</summary>
    public Guid? ClaimToken { get; set; }
    public DateTimeOffset? FirstAttemptAt { get; set; }
    public DateTimeOffset? LastAttemptAt { get; set; }
    public int? LastStatusCode { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One HTTP attempt of a delivery, as shown by GET /api/v1/webhooks/{id}/deliveries.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; set; }
    public Guid DeliveryId { get; set; }
    public int Number { get; set; }
    public DateTimeOffset At { get; set; }
    public int? StatusCode { get; set; }
    public string? Error { get; set; }
    public int DurationMs { get; set; }
}
