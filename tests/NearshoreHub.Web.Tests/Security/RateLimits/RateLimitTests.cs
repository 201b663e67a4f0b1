using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Security;

/// <summary>The app with small budgets (the shared fixture's "Testing" settings make them effectively unlimited).</summary>
public sealed class TightRateLimitsFactory : NearshoreApiFactory
{
    public const int PerCaller = 20;
    public const int SignInPerIp = 3;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("RateLimits:PerCallerPerMinute", PerCaller.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:SignInPerIpPerMinute", SignInPerIp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("RateLimits:AnonymousPerIpPerMinute", "1000");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientIpStartupFilter>());
    }
}

public sealed class RateLimitTests(TightRateLimitsFactory app) : IClassFixture<TightRateLimitsFactory>
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_per_ip_budget_get_429_problem_details_with_retry_after_while_other_ips_still_try()
    {
        using var attacker = app.Anonymous();
        attacker.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "203.0.113.7");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TightRateLimitsFactory.SignInPerIp + 2; i++)
        {
            // Different accounts each time: the per-account lockout alone would not stop this.
            var response = await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email = $"nobody{i}@example.com", password = "wrong-password-123" });
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
                Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
                var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
                Assert.Equal(429, problem.GetProperty("status").GetInt32());
            }
        }

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, TightRateLimitsFactory.SignInPerIp), statuses.Take(TightRateLimitsFactory.SignInPerIp));
        Assert.All(statuses.Skip(TightRateLimitsFactory.SignInPerIp), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        using var other = app.Anonymous();
        other.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "198.51.100.9");
        var elsewhere = await other.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.com", password = "wrong-password-123" });
        Assert.Equal(HttpStatusCode.Unauthorized, elsewhere.StatusCode);
    }

    [Fact]
    public async Task The_sign_in_page_shares_the_per_ip_sign_in_budget()
    {
        using var attacker = app.Anonymous();
        attacker.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "203.0.113.99");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TightRateLimitsFactory.SignInPerIp + 1; i++)
        {
            using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "nobody@example.com", ["Input.Password"] = "wrong" });
            statuses.Add((await attacker.PostAsync("/Account/Login", form)).StatusCode);
        }

        // The limit is counted before the page looks at the form, so even posts it would refuse use up the budget.
        Assert.All(statuses.Take(TightRateLimitsFactory.SignInPerIp), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
    }

    [Fact]
    public async Task An_api_key_beyond_its_budget_gets_429_while_another_companys_key_is_unaffected()
    {
        var (_, keyA, _) = await app.CreateCompanyWithKeyAsync("Busy Co");
        var (_, keyB, _) = await app.CreateCompanyWithKeyAsync("Quiet Co");
        using var a = app.WithApiKey(keyA);
        using var b = app.WithApiKey(keyB);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TightRateLimitsFactory.PerCaller + 3; i++)
        {
            statuses.Add((await a.GetAsync("/api/v1/projects")).StatusCode);
        }

        Assert.All(statuses.Take(TightRateLimitsFactory.PerCaller), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(TightRateLimitsFactory.PerCaller), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        var rejected = await a.GetAsync("/api/v1/projects");
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.True(rejected.Headers.Contains("Retry-After"));
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/api/v1/projects")).StatusCode);
    }

    [Fact]
    public async Task A_signed_in_user_beyond_the_budget_gets_429_wherever_the_requests_come_from_and_health_stays_open()
    {
        using var recruiter = await app.RecruiterAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < TightRateLimitsFactory.PerCaller + 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/skills?pageSize=1");
            // Spreading requests over addresses does not help: the budget belongs to the user.
            request.Headers.Add(ClientIpStartupFilter.HeaderName, $"192.0.2.{i + 1}");
            statuses.Add((await recruiter.SendAsync(request)).StatusCode);
        }

        Assert.All(statuses.Take(TightRateLimitsFactory.PerCaller), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(TightRateLimitsFactory.PerCaller), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        Assert.Equal(HttpStatusCode.OK, (await recruiter.GetAsync("/health/live")).StatusCode);
    }
}
