namespace NearshoreHub.Web.Features.Webhooks;

public static class WebhookSetup
{
    /// <summary>Options from "Webhooks", the SSRF guard, the signed sender, the outbox store and the dispatcher.</summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.AddSingleton<WebhookTargetGuard>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryStore>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
