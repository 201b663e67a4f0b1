using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Webhooks;

/// <summary>Who may call what (product.md §6): a company manages its own endpoints; admins read every company's.</summary>
public static class CallerPolicies
{
    /// <summary>A client company's API key only; staff get 403.</summary>
    public static readonly AuthorizationPolicy Company = new AuthorizationPolicyBuilder()
        .RequireAssertion(context => context.User.CompanyId() is not null).Build();

    public static readonly AuthorizationPolicy CompanyOrAdmin = new AuthorizationPolicyBuilder()
        .RequireAssertion(context => context.User.CompanyId() is not null || context.User.IsInRole(Roles.Admin)).Build();
}

public static class WebhooksApi
{
    public static void MapWebhooks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/webhooks").WithTags("Webhooks").WithValidation();
        group.MapPost("/", Create).WithName("CreateWebhook")
            .WithMetadata(new IdempotencyAttribute(IdempotencyMode.SecretResponse))
            .WithSummary("Registers an endpoint for the calling company's events; the signing secret (whsec_…) is shown in this answer only. Accepts Idempotency-Key (a replay answers 409 with Location, never the secret).")
            .RequireAuthorization(CallerPolicies.Company)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", List).WithName("ListWebhooks")
            .WithSummary("Lists endpoints: a company its own, an admin every company's (companyId narrows to one).")
            .RequireAuthorization(CallerPolicies.CompanyOrAdmin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/{id:guid}", Get).WithName("GetWebhook")
            .WithSummary("Reads one endpoint, never its secret (a company only its own).")
            .RequireAuthorization(CallerPolicies.CompanyOrAdmin)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id:guid}", Delete).WithName("DeleteWebhook")
            .WithSummary("Removes one of the company's endpoints with its pending deliveries.")
            .RequireAuthorization(CallerPolicies.Company)
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id:guid}/deliveries", Deliveries).WithName("ListWebhookDeliveries")
            .WithSummary("An endpoint's deliveries, newest first: each attempt with its status code or error, and the next retry.")
            .RequireAuthorization(CallerPolicies.CompanyOrAdmin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    /// <summary>Endpoints the caller may see: a company its own, an admin all.</summary>
    internal static IQueryable<WebhookEndpoint> Visible(this IQueryable<WebhookEndpoint> endpoints, ClaimsPrincipal user) =>
        user.CompanyId() is { } company ? endpoints.Where(e => e.CompanyId == company)
        : user.IsInRole(Roles.Admin) ? endpoints
        : endpoints.Where(_ => false);

    private static async Task<Results<Created<CreatedWebhookDto>, ValidationProblem>> Create(
        WebhookRequest request, NearshoreDbContext db, WebhookTargetGuard guard, TimeProvider clock, ClaimsPrincipal user, AuditLog audit, HttpContext http)
    {
        var uri = new Uri(request.Url!);
        if (await guard.CheckResolvedAsync(uri, http.RequestAborted) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["url"] = [problem] });
        }

        var endpoint = new WebhookEndpoint
        {
            Id = Guid.CreateVersion7(),
            CompanyId = user.CompanyId()!.Value,
            Url = uri.AbsoluteUri,
            Events = request.Events!.Distinct(StringComparer.Ordinal).ToArray(),
            Secret = WebhookSignature.NewSecret(),
            CreatedAt = clock.GetUtcNow(),
        };
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(http.RequestAborted);
        await audit.WriteAsync(http, "webhook.create", endpoint.Id.ToString(), string.Join(",", endpoint.Events));
        // The secret is shown once: never cached, and the idempotency store keeps no body for a no-store answer.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/v1/webhooks/{endpoint.Id}",
            new CreatedWebhookDto(endpoint.Id, endpoint.Url, endpoint.Events, endpoint.Secret, endpoint.CreatedAt));
    }

    private static async Task<Ok<PagedList<WebhookDto>>> List([AsParameters] WebhookListQuery query, NearshoreDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var endpoints = db.WebhookEndpoints.AsNoTracking().Visible(user);
        if (query.CompanyId is { } companyId)
        {
            endpoints = endpoints.Where(e => e.CompanyId == companyId);
        }

        var total = await endpoints.CountAsync(ct);
        var items = await endpoints.OrderByDescending(e => e.CreatedAt).ThenBy(e => e.Id)
            .Skip(query.OffsetOrDefault).Take(query.LimitOrDefault)
            .Select(e => new WebhookDto(e.Id, e.CompanyId, e.Url, e.Events, e.CreatedAt, e.DisabledAt, e.DisabledReason))
            .ToListAsync(ct);
        return TypedResults.Ok(new PagedList<WebhookDto>(items, total));
    }

    private static async Task<Results<Ok<WebhookDto>, NotFound>> Get(Guid id, NearshoreDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        var endpoint = await db.WebhookEndpoints.AsNoTracking().Visible(user).Where(e => e.Id == id)
            .Select(e => new WebhookDto(e.Id, e.CompanyId, e.Url, e.Events, e.CreatedAt, e.DisabledAt, e.DisabledReason))
            .SingleOrDefaultAsync(ct);
        return endpoint is null ? TypedResults.NotFound() : TypedResults.Ok(endpoint);
    }

    private static async Task<Results<NoContent, NotFound>> Delete(Guid id, NearshoreDbContext db, ClaimsPrincipal user, AuditLog audit, HttpContext http)
    {
        var deleted = await db.WebhookEndpoints.Visible(user).Where(e => e.Id == id).ExecuteDeleteAsync(http.RequestAborted);
        if (deleted == 0)
        {
            return TypedResults.NotFound();
        }

        await audit.WriteAsync(http, "webhook.delete", id.ToString());
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<PagedList<WebhookDeliveryDto>>, NotFound>> Deliveries(
        Guid id, [AsParameters] WebhookDeliveryListQuery query, NearshoreDbContext db, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await db.WebhookEndpoints.Visible(user).AnyAsync(e => e.Id == id, ct))
        {
            return TypedResults.NotFound();
        }

        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == id);
        var total = await deliveries.CountAsync(ct);
        var page = await deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip(query.OffsetOrDefault).Take(query.LimitOrDefault)
            .Join(db.WebhookEvents, d => d.EventId, e => e.Id, (d, e) => new { Delivery = d, e.Type })
            .ToListAsync(ct);
        var ids = page.Select(p => p.Delivery.Id).ToList();
        var attempts = (await db.WebhookAttempts.AsNoTracking().Where(a => ids.Contains(a.DeliveryId)).OrderBy(a => a.Number).ToListAsync(ct))
            .ToLookup(a => a.DeliveryId);
        var items = page.Select(p => new WebhookDeliveryDto(
            p.Delivery.Id, p.Delivery.EventId, p.Type, p.Delivery.Status, p.Delivery.AttemptCount,
            p.Delivery.Status == WebhookDeliveryStatus.Pending ? p.Delivery.NextAttemptAt : null,
            p.Delivery.LastStatusCode, p.Delivery.LastError, p.Delivery.CreatedAt,
            attempts[p.Delivery.Id].Select(a => new WebhookAttemptDto(a.Number, a.At, a.StatusCode, a.Error, a.DurationMs)).ToList())).ToList();
        return TypedResults.Ok(new PagedList<WebhookDeliveryDto>(items, total));
    }
}
