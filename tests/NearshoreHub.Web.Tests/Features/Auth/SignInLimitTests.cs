using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Features.Auth;

/// <summary>Small budgets, anonymous ones included, and a client address per request (X-Test-Client-Ip).</summary>
public sealed class AddressLimitsFactory : NearshoreApiFactory
{
    public const int PerCaller = 20;
    public const int SignInPerIp = 3;
    public const int AnonymousPerIp = 30;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PerCallerPerMinute", PerCaller.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:SignInPerIpPerMinute", SignInPerIp.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:AnonymousPerIpPerMinute", AnonymousPerIp.ToString(CultureInfo.InvariantCulture));
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientIpStartupFilter>());
    }
}

/// <summary>
/// Limits belong to endpoints, not to path strings (product.md §6): every spelling that reaches a sign-in endpoint
/// counts, and a failing API key is counted against where it came from, never against the key it names.
/// </summary>
public sealed class SignInLimitTests(AddressLimitsFactory app) : IClassFixture<AddressLimitsFactory>
{
    [Theory]
    [InlineData("/api/v1/auth/login/", "203.0.113.21")]
    [InlineData("/API/V1/Auth/LOGIN", "203.0.113.22")]
    [InlineData("/api/v1/auth/./login", "203.0.113.24")]
    public async Task Every_spelling_of_the_api_sign_in_path_shares_the_per_address_budget(string path, string ip)
    {
        using var attacker = app.Anonymous();
        attacker.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, ip);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < AddressLimitsFactory.SignInPerIp + 2; i++)
        {
            // Alternate with the plain path: both must draw on one budget.
            var url = i % 2 == 0 ? path : "/api/v1/auth/login";
            statuses.Add((await attacker.PostAsJsonAsync(url, new { email = $"nobody{i}@example.com", password = "wrong-password-123" })).StatusCode);
        }

        Assert.Contains(HttpStatusCode.Unauthorized, statuses.Take(AddressLimitsFactory.SignInPerIp));
        Assert.All(statuses.Take(AddressLimitsFactory.SignInPerIp), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.All(statuses.Skip(AddressLimitsFactory.SignInPerIp), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Theory]
    [InlineData("/Account/Login/", "198.51.100.31")]
    [InlineData("/account/LOGIN", "198.51.100.32")]
    public async Task Every_spelling_of_the_sign_in_page_shares_the_per_address_budget(string path, string ip)
    {
        using var attacker = app.Anonymous();
        attacker.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, ip);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < AddressLimitsFactory.SignInPerIp + 1; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "wrong" });
            statuses.Add((await attacker.PostAsync(path, form)).StatusCode);
        }

        Assert.All(statuses.Take(AddressLimitsFactory.SignInPerIp), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task Failing_keys_that_name_a_companys_prefix_never_use_up_that_companys_budget()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Targeted Co");
        var prefix = key[..key.IndexOf('.', StringComparison.Ordinal)];
        using var attacker = app.WithApiKey(prefix + ".not-the-secret-at-all");
        attacker.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "192.0.2.41");
        for (var i = 0; i < AddressLimitsFactory.PerCaller + 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.GetAsync("/api/v1/projects")).StatusCode);
        }

        using var owner = app.WithApiKey(key);
        owner.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "192.0.2.42");
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/api/v1/projects")).StatusCode);
    }

    [Fact]
    public async Task Failing_keys_count_against_their_source_address()
    {
        using var attacker = app.WithApiKey("nsh_AAAAAAAAAA.guessing-secrets");
        attacker.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "192.0.2.51");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < AddressLimitsFactory.AnonymousPerIp + 2; i++)
        {
            statuses.Add((await attacker.GetAsync("/api/v1/projects")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        using var elsewhere = app.Anonymous();
        elsewhere.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "192.0.2.52");
        Assert.Equal(HttpStatusCode.Unauthorized, (await elsewhere.GetAsync("/api/v1/projects")).StatusCode);
    }
}
