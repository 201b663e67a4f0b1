namespace NearshoreHub.Web.Data.Entities;

/// <summary>
/// An outbox row: one event for one company, written in the same transaction as the change it reports. Its id is the
/// <c>webhook-id</c> of every attempt to every endpoint, and its body is fixed at creation so every attempt sends the
/// same bytes.
/// </summary>
public sealed class WebhookEvent
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public required string Type { get; set; }
    /// <summary>The JSON body sent: {type, timestamp, data}.</summary>
    public required string Payload { get; set; }
    /// <summary>The professional the event names, if any, so erasing that person can find and delete the row.</summary>
    public Guid? ProfessionalId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
