using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Pages;

public sealed class PageAccessTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    public static readonly TheoryData<string> StaffPages = new()
    {
        "/", "/Projects", "/Projects/Create", "/Admin/Companies", "/Admin/Companies/Create", "/Admin/Users", "/Admin/Users/Create",
        "/Admin/Skills", "/Admin/Skills/Create", "/Admin/Audit", "/Admin/Webhooks", "/Account/Logout",
    };

    public static readonly TheoryData<string> AdminPages = new()
    {
        "/Admin/Companies", "/Admin/Companies/Create", "/Admin/Users", "/Admin/Users/Create", "/Admin/Skills", "/Admin/Skills/Create", "/Admin/Audit", "/Admin/Webhooks",
    };

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task Signed_out_visitor_is_sent_to_sign_in_with_a_return_url(string url)
    {
        using var client = PageClient.Anonymous(app);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Contains("/Account/Login?ReturnUrl=", location, StringComparison.Ordinal);
        Assert.EndsWith(Uri.EscapeDataString(url), location, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task Recruiter_is_refused_admin_pages(string url)
    {
        using var recruiter = await PageClient.RecruiterAsync(app);

        var response = await recruiter.GetAsync(url);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var deniedUrl = response.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/Account/AccessDenied", deniedUrl, StringComparison.Ordinal);
        var denied = await recruiter.GetAsync(deniedUrl);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("Access denied", await denied.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recruiter_sees_projects_but_no_admin_links()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = await recruiter.GetHtmlAsync("/Projects");

        Assert.Contains("href=\"/Projects\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Admin/Companies\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/Admin/Audit\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_sees_admin_links()
    {
        using var admin = await PageClient.AdminAsync(app);

        var html = await admin.GetHtmlAsync("/Projects");

        Assert.Contains("href=\"/Admin/Companies\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin/Users\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin/Skills\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin/Audit\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Admin/Companies/Create")]
    [InlineData("/Account/Logout")]
    public async Task Form_post_without_anti_forgery_token_is_rejected(string url)
    {
        using var admin = await PageClient.AdminAsync(app);

        var response = await admin.PostWithoutTokenAsync(url, new()
        {
            ["Input.Email"] = NearshoreApiFactory.AdminEmail,
            ["Input.Password"] = NearshoreApiFactory.AdminPassword,
            ["Input.Name"] = "Forged Inc",
            ["Input.TimeZone"] = "America/New_York",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Form_post_with_another_sessions_token_is_rejected()
    {
        using var admin = await PageClient.AdminAsync(app);
        using var other = await PageClient.RecruiterAsync(app);
        var foreignToken = PageClient.TokenIn(await other.GetHtmlAsync("/Projects/Create"));

        var response = await admin.PostWithoutTokenAsync("/Admin/Companies/Create", new()
        {
            ["__RequestVerificationToken"] = foreignToken,
            ["Input.Name"] = "Forged Inc",
            ["Input.TimeZone"] = "America/New_York",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sign_in_returns_to_a_local_return_url_only()
    {
        using var local = PageClient.Anonymous(app);
        var back = await local.PostFormAsync("/Account/Login?ReturnUrl=%2FProjects%3Fstatus%3DOpen",
            new() { ["Input.Email"] = NearshoreApiFactory.RecruiterEmail, ["Input.Password"] = NearshoreApiFactory.RecruiterPassword });
        Assert.Equal("/Projects?status=Open", back.Headers.Location!.ToString());

        using var external = PageClient.Anonymous(app);
        var home = await external.PostFormAsync("/Account/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F",
            new() { ["Input.Email"] = NearshoreApiFactory.RecruiterEmail, ["Input.Password"] = NearshoreApiFactory.RecruiterPassword });
        Assert.Equal("/", home.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Wrong_password_is_refused_and_repeated_failures_lock_the_account()
    {
        const string email = "lockout@tests.nearshorehub.local";
        const string password = "Lockout-Test-Password-1";
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Lockout" };
            Assert.True((await users.CreateAsync(user, password)).Succeeded);
            await users.AddToRoleAsync(user, Roles.Recruiter);
        }

        using var client = PageClient.Anonymous(app);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = "not-the-password" });
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            var html = await wrong.Content.ReadAsStringAsync();
            Assert.Contains(attempt < 5 ? "The email or password is wrong." : "The account is locked", html, StringComparison.Ordinal);
            Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal);
        }

        var right = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("The account is locked", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_out_ends_the_session()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);

        var signOut = await recruiter.PostFormAsync("/Account/Logout", [], pageUrl: "/Projects");

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var after = await recruiter.GetAsync("/Projects");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/Account/Login", after.Headers.Location!.ToString(), StringComparison.Ordinal);
    }
}

internal static class UriExtensions
{
    public static string PathAndQuery(this Uri uri) => uri.IsAbsoluteUri ? uri.PathAndQuery : uri.ToString();
}
