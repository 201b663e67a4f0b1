using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Pages.Admin.Webhooks;

public sealed record WebhookEndpointRow(Guid Id, string Company, string Url, string[] Events, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, int Pending, int Failed);

public sealed record WebhookDeliveryRow(
    Guid Id, Guid EventId, string EventType, string Url, WebhookDeliveryStatus Status, int AttemptCount, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset? LastAttemptAt, DateTimeOffset NextAttemptAt);

/// <summary>Every company's webhook endpoints and their latest deliveries, so an admin sees a stuck or disabled receiver.</summary>
public sealed class IndexModel(NearshoreDbContext db) : PageModel
{
    private const int PageSize = 50;

    /// <summary>Only this endpoint's deliveries when set.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? EndpointId { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Offset { get; set; }

    public IReadOnlyList<WebhookEndpointRow> Endpoints { get; private set; } = [];
    public IReadOnlyList<WebhookDeliveryRow> Deliveries { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        Offset = Math.Max(0, Offset);
        Endpoints = await db.WebhookEndpoints.AsNoTracking()
            .OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id)
            .Take(200)
            .Select(e => new WebhookEndpointRow(e.Id, db.Companies.Where(c => c.Id == e.CompanyId).Select(c => c.Name).Single(), e.Url, e.Events, e.CreatedAt, e.DisabledAt,
                db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.Status == WebhookDeliveryStatus.Pending),
                db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.Status == WebhookDeliveryStatus.Failed)))
            .ToListAsync(ct);

        var deliveries = db.WebhookDeliveries.AsNoTracking();
        if (EndpointId is { } endpointId)
        {
            deliveries = deliveries.Where(d => d.EndpointId == endpointId);
        }

        var total = await deliveries.CountAsync(ct);
        Deliveries = await deliveries
            .Join(db.WebhookEvents, d => d.EventId, e => e.Id, (d, e) => new { d, e.Type })
            .Join(db.WebhookEndpoints, x => x.d.EndpointId, e => e.Id, (x, e) => new { x.d, x.Type, e.Url })
            .OrderByDescending(x => x.d.CreatedAt).ThenByDescending(x => x.d.Id)
            .Skip(Offset).Take(PageSize)
            .Select(x => new WebhookDeliveryRow(x.d.Id, x.d.EventId, x.Type, x.Url, x.d.Status, x.d.AttemptCount, x.d.LastStatusCode, x.d.LastError,
                x.d.CreatedAt, x.d.LastAttemptAt, x.d.NextAttemptAt))
            .ToListAsync(ct);
        Pager = new Pager(Offset, PageSize, total, offset => Url.Page("Index", new { EndpointId, offset }));
    }
}
