namespace NearshoreHub.Web.Data.Entities;

/// <summary>A URL a client company registered to receive events, with the secret its deliveries are signed with.</summary>
public sealed class WebhookEndpoint
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public required string Url { get; set; }
    public required string[] Events { get; set; }
    /// <summary>"whsec_" + base64 of 32 random bytes: shown once on creation, kept because every delivery is signed with it.</summary>
    public required string Secret { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Set when the receiver answered 410 Gone: nothing is sent to it any more.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
    public string? DisabledReason { get; set; }
}
