using System.Net;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Security;

public sealed class SecurityHeadersTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Theory]
    [InlineData("/api/v1/projects")] // 401
    [InlineData("/api/v1/tools/overlap?zoneA=Europe/Lisbon&zoneB=America/Recife")] // anonymous tool
    [InlineData("/health/live")]
    [InlineData("/Account/Login")] // the sign-in page: its CSS comes from a file, it has no script

    [InlineData("/no/such/page")]
    public async Task Every_response_forbids_framing_sniffing_inline_script_and_referrers(string path)
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
    }

    [Fact]
    public async Task Swagger_ui_alone_gets_the_policy_that_lets_it_run_its_inline_script()
    {
        using var client = app.Anonymous();

        var response = await client.GetAsync("/swagger/index.html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Https_responses_outside_development_carry_hsts()
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://nearshorehub.test"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/health/live");

        Assert.Contains("max-age=", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    [Fact]
    public void Session_and_antiforgery_cookies_are_http_only_same_site_and_secure_over_https()
    {
        var session = app.Services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie;
        var antiforgery = app.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie;

        foreach (var cookie in new[] { session, antiforgery })
        {
            Assert.True(cookie.HttpOnly);
            Assert.NotEqual(SameSiteMode.None, cookie.SameSite);
            Assert.NotEqual(SameSiteMode.Unspecified, cookie.SameSite);
            Assert.Equal(CookieSecurePolicy.SameAsRequest, cookie.SecurePolicy);
        }
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(",", contentValues)
        : throw new Xunit.Sdk.XunitException($"{name} is missing on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
}
