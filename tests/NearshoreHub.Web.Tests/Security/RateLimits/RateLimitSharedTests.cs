using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Matching;

namespace NearshoreHub.Web.Tests.Security;

/// <summary>Budgets small enough to exhaust in a test, on the instance a fixture starts and on any second one.</summary>
public static class SharedBudgets
{
    public const int PerCaller = 20;
    public const int SignInPerIp = 10;

    public static void Apply(IWebHostBuilder builder)
    {
        builder.UseSetting("RateLimits:PerCallerPerMinute", PerCaller.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:SignInPerIpPerMinute", SignInPerIp.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:AnonymousPerIpPerMinute", "1000");
        builder.UseSetting("RateLimits:SharedRetrySeconds", "1");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientIpStartupFilter>());
    }
}

public sealed class SharedRateLimitsFactory : NearshoreApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SharedBudgets.Apply(builder);
    }
}

public sealed class RateLimitSharedTests(SharedRateLimitsFactory app) : IClassFixture<SharedRateLimitsFactory>
{
    [Fact]
    public async Task Sign_in_attempts_split_across_two_instances_spend_one_per_ip_budget()
    {
        await using var second = new SecondInstanceFactory(app.ConnectionString, SharedBudgets.Apply);
        using var throughA = app.Anonymous();
        using var throughB = second.Anonymous();
        foreach (var client in new[] { throughA, throughB })
        {
            client.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "203.0.113.61");
        }

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6; i++)
        {
            statuses.Add((await SignInAsync(throughA, i)).StatusCode);
        }

        for (var i = 6; i < 10; i++)
        {
            statuses.Add((await SignInAsync(throughB, i)).StatusCode);
        }

        // Each instance alone has seen fewer than the budget; together they have seen it all.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, SharedBudgets.SignInPerIp), statuses);
        var eleventh = await SignInAsync(throughB, 10);
        Assert.Equal(HttpStatusCode.TooManyRequests, eleventh.StatusCode);
        Assert.Equal("application/problem+json", eleventh.Content.Headers.ContentType?.MediaType);
        var retryAfter = int.Parse(Assert.Single(eleventh.Headers.GetValues("Retry-After")), CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(throughA, 11)).StatusCode);

        // Another address still has its whole budget on both instances.
        using var elsewhere = second.Anonymous();
        elsewhere.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "198.51.100.61");
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(elsewhere, 0)).StatusCode);
    }

    [Fact]
    public async Task An_api_keys_budget_is_one_budget_across_two_instances()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Two Door Co");
        await using var second = new SecondInstanceFactory(app.ConnectionString, SharedBudgets.Apply);
        using var throughA = app.WithApiKey(key);
        using var throughB = second.Anonymous();
        throughB.DefaultRequestHeaders.Add("X-Api-Key", key);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SharedBudgets.PerCaller; i++)
        {
            statuses.Add((await (i % 2 == 0 ? throughA : throughB).GetAsync("/api/v1/projects")).StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await throughA.GetAsync("/api/v1/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await throughB.GetAsync("/api/v1/projects")).StatusCode);
    }

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, int attempt) =>
        client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"nobody{attempt}@example.com", password = "wrong-password-123" });
}
