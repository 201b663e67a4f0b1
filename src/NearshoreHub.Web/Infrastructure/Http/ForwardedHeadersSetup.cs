using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>The proxies whose X-Forwarded-For / X-Forwarded-Proto are believed, bound from <c>ForwardedHeaders:*</c>.</summary>
public sealed class ForwardedHeadersSettings
{
    /// <summary>Addresses of trusted proxies, e.g. <c>["10.0.0.5"]</c>.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR form, e.g. <c>["10.0.0.0/24"]</c>.</summary>
    public string[] KnownNetworks { get; set; } = [];

    /// <summary>How many proxies (hops from the right of X-Forwarded-For) to unwind; each must be trusted.</summary>
    public int ForwardLimit { get; set; } = 1;

    public bool TrustsAnyProxy => KnownProxies.Length > 0 || KnownNetworks.Length > 0;
}

/// <summary>
/// Behind a proxy every request comes from the proxy's address, so per-IP limits and the audit log need the client's
/// address from X-Forwarded-For. Anyone can send that header, so it is believed only from configured proxies; with
/// none configured (the default) it is ignored altogether.
/// </summary>
public static class ForwardedHeadersSetup
{
    public static WebApplicationBuilder AddNearshoreForwardedHeaders(this WebApplicationBuilder builder)
    {
        var settings = Settings(builder.Configuration);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = Math.Max(1, settings.ForwardLimit);
            // The defaults trust loopback; only what is configured is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so everything after it (limits, logs, audit, HSTS) sees the client.</summary>
    public static IApplicationBuilder UseNearshoreForwardedHeaders(this IApplicationBuilder app)
    {
        var settings = Settings(app.ApplicationServices.GetRequiredService<IConfiguration>());
        if (!settings.TrustsAnyProxy)
        {
            // With empty lists the middleware would believe every sender.
            return app;
        }

        // The middleware also believes the header when the server reports no peer address at all; a request
        // without one cannot be shown to come from a trusted proxy.
        return app.UseWhen(context => context.Connection.RemoteIpAddress is not null, branch => branch.UseForwardedHeaders());
    }

    private static ForwardedHeadersSettings Settings(IConfiguration configuration) =>
        configuration.GetSection("ForwardedHeaders").Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
}
