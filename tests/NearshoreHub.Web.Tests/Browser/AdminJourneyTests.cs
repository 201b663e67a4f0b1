using System.Net;
using Microsoft.Playwright;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AdminJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Admin_creates_a_company_and_an_api_key_sees_the_key_once_and_signs_out()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, NearshoreApiFactory.AdminEmail, NearshoreApiFactory.AdminPassword);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Companies" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "New company" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Wayne Enterprises");
        await page.GetByLabel("Time zone").FillAsync("America/Gotham");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create company" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tz-error")).ToContainTextAsync("Must be an IANA time zone id");
        await Assertions.Expect(page.GetByLabel("Name")).ToHaveValueAsync("Wayne Enterprises");
        await BrowserFixture.ScreenshotAsync(page, "company-create-errors");

        await page.GetByLabel("Time zone").FillAsync("America/New_York");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create company" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wayne Enterprises", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("New key name").FillAsync("production");
        await page.GetByRole(AriaRole.Button, new() { Name = "Issue API key" }).ClickAsync();
        var keyBox = page.GetByLabel("API key", new() { Exact = true });
        await Assertions.Expect(keyBox).ToBeVisibleAsync();
        var key = await keyBox.InputValueAsync();
        Assert.False(string.IsNullOrWhiteSpace(key));
        await BrowserFixture.ScreenshotAsync(page, "company-new-key");

        using (var company = browser.App.WithApiKey(key))
        {
            Assert.Equal(HttpStatusCode.OK, (await company.GetAsync(new Uri("/api/v1/projects", UriKind.Relative))).StatusCode);
        }

        // A fresh GET, as when coming back later (a reload would re-post the form).
        await page.GotoAsync(page.Url);
        await Assertions.Expect(page.GetByLabel("API key", new() { Exact = true })).ToHaveCountAsync(0);
        Assert.DoesNotContain(key, await page.ContentAsync(), StringComparison.Ordinal);
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "production" })).ToContainTextAsync("active");

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke key production" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("revoked");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "production" })).ToContainTextAsync("revoked");
        await BrowserFixture.ScreenshotAsync(page, "company-details");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await page.GotoAsync("/Admin/Companies");
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Recruiter_is_shown_access_denied_for_admin_pages_and_sees_no_admin_navigation()
    {
        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, NearshoreApiFactory.RecruiterEmail, NearshoreApiFactory.RecruiterPassword);

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Projects" })).ToBeVisibleAsync();
        await Assertions.Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Companies" })).ToHaveCountAsync(0);

        var response = await page.GotoAsync("/Admin/Users");
        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
