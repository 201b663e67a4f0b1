using FluentValidation;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Webhooks;

public sealed record WebhookRequest(string? Url, IReadOnlyList<string>? Events);

/// <summary>The only answer that ever contains the signing secret.</summary>
public sealed record CreatedWebhookDto(Guid Id, string Url, IReadOnlyList<string> Events, string Secret, DateTimeOffset CreatedAt);

public sealed record WebhookDto(Guid Id, Guid CompanyId, string Url, IReadOnlyList<string> Events, DateTimeOffset CreatedAt, DateTimeOffset? DisabledAt, string? DisabledReason);

public sealed record WebhookAttemptDto(int Number, DateTimeOffset At, int? StatusCode, string? Error, int DurationMs);

/// <summary>One event on its way to the endpoint. <c>eventId</c> is the <c>webhook-id</c> header of every attempt.</summary>
public sealed record WebhookDeliveryDto(
    Guid Id, Guid EventId, string EventType, WebhookDeliveryStatus Status, int AttemptCount, DateTimeOffset? NextAttemptAt,
    int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, IReadOnlyList<WebhookAttemptDto> Attempts);

public sealed record WebhookListQuery : PageQuery
{
    /// <summary>Admins: only this company's endpoints. A company sees its own whatever this says.</summary>
    public Guid? CompanyId { get; init; }
}

public sealed record WebhookDeliveryListQuery : PageQuery;

public sealed class WebhookRequestValidator : AbstractValidator<WebhookRequest>
{
    public WebhookRequestValidator(WebhookTargetGuard guard)
    {
        RuleFor(r => r.Url).MaximumLength(2048);
        RuleFor(r => r.Url).Custom((url, context) =>
        {
            if (guard.CheckUrl(url) is { } problem)
            {
                context.AddFailure(problem);
            }
        });
        RuleFor(r => r.Events).NotEmpty().WithMessage("Name at least one event.")
            .ItemCount(1, WebhookEventTypes.All.Count);
        RuleForEach(r => r.Events).MaximumLength(64).Must(e => e is not null && WebhookEventTypes.All.Contains(e))
            .WithMessage("Must be one of " + string.Join(", ", WebhookEventTypes.All) + ".");
    }
}

public sealed class WebhookListQueryValidator : AbstractValidator<WebhookListQuery>
{
    public WebhookListQueryValidator() => this.AddPageRules();
}

public sealed class WebhookDeliveryListQueryValidator : AbstractValidator<WebhookDeliveryListQuery>
{
    public WebhookDeliveryListQueryValidator() => this.AddPageRules();
}
