using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Browser;

/// <summary>The recruiter's day in the browser (issue 18): exclusion, a saved search and its news, notes, the funnel.</summary>
[Collection(BrowserCollection.Name)]
public sealed class RecruiterDayTests(BrowserFixture browser)
{
    private async Task<Guid> AddAsync(HttpClient staff, string fullName, string headline)
    {
        var body = Samples.Professional();
        body["fullName"] = fullName;
        body["headline"] = headline;
        var response = await staff.PostAsJsonAsync("/api/v1/professionals", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Recruiter_excludes_saves_a_search_sees_what_is_new_keeps_notes_and_reads_the_funnel()
    {
        using var staff = await browser.App.RecruiterAsync();
        var kept = await AddAsync(staff, "Olga Zanzibar", "Backend engineer");
        await AddAsync(staff, "Omar Zanzibar", "Engineering manager");
        var (companyId, _, _) = await browser.App.CreateCompanyWithKeyAsync("Zanzibar Co");
        var projectResponse = await staff.PostAsJsonAsync("/api/v1/projects", Samples.Project(companyId));
        projectResponse.EnsureSuccessStatusCode();
        var project = (await projectResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, NearshoreApiFactory.RecruiterEmail, NearshoreApiFactory.RecruiterPassword);

        // Exclusion: a bad skill is named beside its field; NOT leaves the manager out.
        await page.GotoAsync("/Candidates?q=zanzibar");
        await page.GetByLabel("Without skills").FillAsync("cobolx");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#notSkills-error")).Not.ToBeEmptyAsync();
        await page.GotoAsync("/Candidates?q=zanzibar%20NOT%20manager");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Olga Zanzibar" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Omar Zanzibar" })).ToHaveCountAsync(0);

        // Save it; a new match then shows in the count and on the news page, and "Mark as seen" clears it.
        await page.GetByLabel("Save this search as").FillAsync("Zanzibar engineers");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save this search" }).ClickAsync();
        var row = page.GetByRole(AriaRole.Row, new() { Name = "Zanzibar engineers" });
        await Assertions.Expect(row).ToContainTextAsync("NOT manager");
        await Assertions.Expect(row.Locator(".new-count")).ToHaveTextAsync("0");
        await AddAsync(staff, "Otto Zanzibar", "Frontend engineer");
        await page.ReloadAsync();
        await Assertions.Expect(row.Locator(".new-count")).ToHaveTextAsync("1");
        await row.Locator(".new-count").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Otto Zanzibar" })).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(page, "saved-search-new");
        await page.GetByRole(AriaRole.Button, new() { Name = "Mark as seen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Zanzibar engineers" }).Locator(".new-count")).ToHaveTextAsync("0");

        // Notes on the candidate page.
        await page.GotoAsync($"/Candidates/Details/{kept}");
        await page.GetByLabel("New note").FillAsync("Strong on PostgreSQL; call after 14:00.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        var note = page.Locator("#notes .note");
        await Assertions.Expect(note).ToContainTextAsync("Strong on PostgreSQL");
        await BrowserFixture.ScreenshotAsync(page, "candidate-notes");
        await note.GetByRole(AriaRole.Button).ClickAsync();
        await Assertions.Expect(page.Locator("#notes .note")).ToHaveCountAsync(0);

        // The funnel on the project page, drawn on the server.
        await page.GotoAsync($"/Projects/Details/{project}");
        var funnel = page.Locator("#representation svg");
        await Assertions.Expect(funnel).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#representation")).ToContainTextAsync("eligible pool");
        await Assertions.Expect(page.Locator("#representation")).ToContainTextAsync("hired");
        await BrowserFixture.ScreenshotAsync(page, "project-funnel");
        await page.Context.CloseAsync();
    }
}
