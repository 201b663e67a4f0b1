using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;

namespace NearshoreHub.Web.Features.PersonalData;

/// <summary>
/// Webhook events that name the person (interview events carry their id): exported as sent, and deleted on erasure with
/// their deliveries and attempts, so no outbox row keeps the id that the reports replace with a pseudonym.
/// </summary>
public sealed class WebhookOutboxPersonalData : IPersonalDataPart
{
    public string Section => "webhookEvents";

    public async Task<object> ExportAsync(NearshoreDbContext db, Guid professionalId, CancellationToken ct) =>
        await db.WebhookEvents.AsNoTracking().Where(e => e.ProfessionalId == professionalId).OrderBy(e => e.CreatedAt)
            .Select(e => new { e.Id, e.CompanyId, e.Type, e.CreatedAt })
            .ToListAsync(ct);

    public async Task<int> EraseAsync(NearshoreDbContext db, Guid professionalId, PersonalIdentifiers person, CancellationToken ct)
    {
        var events = db.WebhookEvents.Where(e => e.ProfessionalId == professionalId).Select(e => e.Id);
        var deliveries = db.WebhookDeliveries.Where(d => events.Contains(d.EventId)).Select(d => d.Id);
        await db.WebhookAttempts.Where(a => deliveries.Contains(a.DeliveryId)).ExecuteDeleteAsync(ct);
        await db.WebhookDeliveries.Where(d => events.Contains(d.EventId)).ExecuteDeleteAsync(ct);
        return await db.WebhookEvents.Where(e => e.ProfessionalId == professionalId).ExecuteDeleteAsync(ct);
    }
}
