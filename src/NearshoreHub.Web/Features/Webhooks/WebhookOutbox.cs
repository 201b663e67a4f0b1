using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Webhooks;

/// <summary>The event names of product.md §11. There is no event for a rejected report: companies never learn of those.</summary>
public static class WebhookEventTypes
{
    public const string ReportApproved = "report.approved";
    public const string ProjectUpdated = "project.updated";
    public const string InterviewScheduled = "interview.scheduled";
    public const string InterviewCancelled = "interview.cancelled";

    public static readonly IReadOnlyList<string> All = [ReportApproved, ProjectUpdated, InterviewScheduled, InterviewCancelled];
}

/// <summary>
/// Writing events for client companies' webhooks. Call <see cref="EnqueueAsync"/> before the SaveChanges that stores
/// the change: the event and its deliveries join that SaveChanges, so they commit or roll back with the change.
/// </summary>
public static class WebhookOutbox
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    /// <summary>Raised after a SaveChanges that wrote events, so this process's dispatcher looks at once instead of at its next poll.</summary>
    internal static event Action? Enqueued;

    /// <summary>
    /// Adds the event and one delivery per enabled endpoint of <paramref name="companyId"/> subscribed to
    /// <paramref name="type"/> to <paramref name="db"/>; nothing when no endpoint wants it. <paramref name="data"/> must
    /// never hold an email or a rate. <paramref name="professionalId"/> names the person the event is about, if any, so
    /// an erasure can delete it.
    /// </summary>
    public static async Task EnqueueAsync(
        NearshoreDbContext db, Guid companyId, string type, object data, DateTimeOffset now, CancellationToken ct, Guid? professionalId = null)
    {
        if (!WebhookEventTypes.All.Contains(type))
        {
            throw new ArgumentOutOfRangeException(nameof(type), type, "Not a webhook event type.");
        }

        var endpoints = await db.WebhookEndpoints.AsNoTracking()
            .Where(e => e.CompanyId == companyId && e.DisabledAt == null && e.Events.Contains(type))
            .Select(e => e.Id)
            .ToListAsync(ct);
        if (endpoints.Count == 0)
        {
            return;
        }

        var ev = new WebhookEvent
        {
            Id = Guid.CreateVersion7(),
            CompanyId = companyId,
            Type = type,
            Payload = JsonSerializer.Serialize(new { type, timestamp = now, data }, Json),
            ProfessionalId = professionalId,
            CreatedAt = now,
        };
        db.WebhookEvents.Add(ev);
        foreach (var endpoint in endpoints)
        {
            db.WebhookDeliveries.Add(new WebhookDelivery
            {
                Id = Guid.CreateVersion7(),
                EventId = ev.Id,
                EndpointId = endpoint,
                Status = WebhookDeliveryStatus.Pending,
                NextAttemptAt = now,
                CreatedAt = now,
            });
        }

        db.SavedChanges += NudgeOnce;
    }

    private static void NudgeOnce(object? sender, SavedChangesEventArgs e)
    {
        ((DbContext)sender!).SavedChanges -= NudgeOnce;
        Enqueued?.Invoke();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonSetup.Configure(options);
        return options;
    }
}
