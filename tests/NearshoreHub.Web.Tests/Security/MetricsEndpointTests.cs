using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Tests.Infrastructure;
using OpenTelemetry.Exporter;

namespace NearshoreHub.Web.Tests.Security;

public sealed class MetricsFactory : NearshoreApiFactory
{
    public const string Token = "scrape-token-for-tests-0123456789";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:ScrapeToken", Token);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientIpStartupFilter>();
            // Each scrape sees the latest values, so a test can read what it just caused.
            services.Configure<PrometheusAspNetCoreOptions>(options => options.ScrapeResponseCacheDurationMilliseconds = 0);
        });
    }
}

public sealed class MetricsEndpointTests(MetricsFactory app) : IClassFixture<MetricsFactory>
{
    [Fact]
    public async Task The_scrape_token_reads_request_ranking_search_and_index_metrics()
    {
        using var recruiter = await app.RecruiterAsync();
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync();
        var project = await (await recruiter.PostAsJsonAsync("/api/v1/projects", Samples.Project(companyId))).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        (await recruiter.GetAsync($"/api/v1/projects/{project.GetProperty("id").GetGuid()}/matches")).EnsureSuccessStatusCode();
        (await recruiter.GetAsync("/api/v1/professionals?q=engineer")).EnsureSuccessStatusCode();
        using var prometheus = app.Anonymous();
        prometheus.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsFactory.Token);

        var response = await prometheus.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("http_server_request_duration_seconds_bucket", text, StringComparison.Ordinal);
        Assert.Contains("nearshorehub_ranking_duration_milliseconds_count", text, StringComparison.Ordinal);
        Assert.Contains("nearshorehub_search_duration_milliseconds_count", text, StringComparison.Ordinal);
        Assert.Contains("nearshorehub_index_professionals", text, StringComparison.Ordinal);
        Assert.Contains("nearshorehub_index_age_seconds", text, StringComparison.Ordinal);
        Assert.Contains("nearshorehub_index_listening", text, StringComparison.Ordinal);
        Assert.Contains("nearshorehub_index_pending", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_token_metrics_are_refused_with_401_problem_details_even_to_admins()
    {
        using var anonymous = app.Anonymous();
        using var admin = await app.AdminAsync();
        using var wrongToken = app.Anonymous();
        wrongToken.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", MetricsFactory.Token + "x");

        foreach (var client in new[] { anonymous, admin, wrongToken })
        {
            var response = await client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task A_direct_loopback_scraper_needs_no_token_but_a_proxied_request_from_loopback_does()
    {
        using var local = app.Anonymous();
        local.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "127.0.0.1");
        using var proxied = app.Anonymous();
        proxied.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "127.0.0.1");
        proxied.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.50");
        using var remote = app.Anonymous();
        remote.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "203.0.113.50");

        Assert.Equal(HttpStatusCode.OK, (await local.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await proxied.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await remote.GetAsync("/metrics")).StatusCode);
    }
}
