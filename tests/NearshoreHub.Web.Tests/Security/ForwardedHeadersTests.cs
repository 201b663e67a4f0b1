using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Security;

/// <summary>The app behind one trusted proxy, with a sign-in budget small enough to exhaust.</summary>
public sealed class TrustedProxyFactory : NearshoreApiFactory
{
    public const string Proxy = "10.9.8.7";
    public const int SignInPerIp = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ForwardedHeaders:KnownProxies:0", Proxy);
        builder.UseSetting("RateLimits:SignInPerIpPerMinute", SignInPerIp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientIpStartupFilter>());
    }
}

public sealed class ForwardedHeadersTests(TrustedProxyFactory app) : IClassFixture<TrustedProxyFactory>
{
    [Fact]
    public async Task A_spoofed_x_forwarded_for_from_an_untrusted_peer_does_not_buy_a_fresh_sign_in_budget()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TrustedProxyFactory.SignInPerIp + 2; i++)
        {
            statuses.Add(await SignInAsync(peer: "203.0.113.30", forwardedFor: $"198.51.100.{i + 1}"));
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, TrustedProxyFactory.SignInPerIp), statuses.Take(TrustedProxyFactory.SignInPerIp));
        Assert.All(statuses.Skip(TrustedProxyFactory.SignInPerIp), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task Behind_the_trusted_proxy_each_forwarded_client_has_its_own_budget()
    {
        // Many clients through the one proxy: the proxy's address is not what is counted.
        for (var i = 0; i < TrustedProxyFactory.SignInPerIp + 2; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, await SignInAsync(peer: TrustedProxyFactory.Proxy, forwardedFor: $"192.0.2.{i + 1}"));
        }

        // One client through the proxy is counted as itself, even when it adds its own forged entry in front.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TrustedProxyFactory.SignInPerIp + 1; i++)
        {
            statuses.Add(await SignInAsync(peer: TrustedProxyFactory.Proxy, forwardedFor: $"198.18.0.{i + 1}, 192.0.2.200"));
        }

        Assert.All(statuses.Take(TrustedProxyFactory.SignInPerIp), s => Assert.Equal(HttpStatusCode.Unauthorized, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    private async Task<HttpStatusCode> SignInAsync(string peer, string forwardedFor)
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = $"nobody.{Guid.NewGuid():N}@example.com", password = "wrong-password-123" }),
        };
        request.Headers.Add(ClientIpStartupFilter.HeaderName, peer);
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        return (await client.SendAsync(request)).StatusCode;
    }
}
