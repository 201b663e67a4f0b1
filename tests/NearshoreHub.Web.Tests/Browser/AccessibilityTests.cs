using System.Net.Http.Json;
using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using NearshoreHub.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NearshoreHub.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string[] Blocking = ["serious", "critical"];

    [Fact]
    public async Task Main_pages_have_no_serious_or_critical_accessibility_violations()
    {
        var (companyId, projectId, professionalId, reportId) = await SeedAsync();
        var problems = new List<string>();

        var anonymous = await browser.NewPageAsync();
        await anonymous.GotoAsync("/Account/Login");
        problems.AddRange(await CheckAsync(anonymous, "login"));
        await anonymous.Context.CloseAsync();

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, NearshoreApiFactory.AdminEmail, NearshoreApiFactory.AdminPassword);
        foreach (var url in SignedInPages(companyId, projectId, professionalId, reportId))
        {
            var response = await page.GotoAsync(url);
            Assert.True(response!.Ok, $"{url} answered {response.Status}");
            problems.AddRange(await CheckAsync(page, Slug(url)));
        }

        var missing = await page.GotoAsync($"/Candidates/Details/{Guid.NewGuid()}");
        Assert.Equal(404, missing!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        problems.AddRange(await CheckAsync(page, "not-found"));

        // Forms in their error state matter too: that is where labels and messages most often go wrong.
        await page.GotoAsync("/Admin/Companies/Create");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create company" }).ClickAsync();
        await Assertions.Expect(page.Locator("#tz-error")).Not.ToBeEmptyAsync();
        problems.AddRange(await CheckAsync(page, "company-create-invalid"));

        await page.GotoAsync("/Projects/Create");
        await page.GetByLabel("Skill 1", new() { Exact = true }).FillAsync("notaskill");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create project" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Unknown skill 'notaskill'")).ToBeVisibleAsync();
        problems.AddRange(await CheckAsync(page, "project-create-invalid"));
        await page.Context.CloseAsync();

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task Pages_fit_a_phone_screen_without_sideways_scrolling()
    {
        var (companyId, projectId, professionalId, reportId) = await SeedAsync();
        var page = await browser.NewPageAsync(phone: true);
        await page.GotoAsync("/Account/Login");
        await BrowserFixture.ScreenshotAsync(page, "phone-login");
        await browser.SignInAsync(page, NearshoreApiFactory.AdminEmail, NearshoreApiFactory.AdminPassword);
        var tooWide = new List<string>();
        foreach (var url in SignedInPages(companyId, projectId, professionalId, reportId))
        {
            await page.GotoAsync(url);
            await BrowserFixture.ScreenshotAsync(page, "phone-" + Slug(url));
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390)
            {
                tooWide.Add($"{url} is {width}px wide");
            }
        }

        await page.Context.CloseAsync();
        Assert.True(tooWide.Count == 0, string.Join(Environment.NewLine, tooWide));
    }

    private static string[] SignedInPages(Guid companyId, Guid projectId, Guid professionalId, Guid reportId) =>
    [
        "/", "/Admin/Companies", "/Admin/Companies/Create", $"/Admin/Companies/Details/{companyId}", "/Admin/Users", "/Admin/Users/Create",
        "/Admin/Skills", "/Admin/Skills/Create", "/Admin/Audit", "/Projects", "/Projects/Create",
        $"/Projects/Details/{projectId}", $"/Projects/Edit/{projectId}", $"/Candidates/Details/{professionalId}",
        "/Candidates?skills=csharp:3&citySize=city", "/Candidates?skills=notaskill&maxRate=cheap", "/Admin/Reports", "/Import",
        $"/Admin/Reports/Details/{reportId}", $"/Candidates/Details/{professionalId}?projectId={projectId}",
        $"/Candidates/Details/{professionalId}?clientTimeZone=America/Gotham&clientStart=25:00&clientEnd=17:00&from=2027-03-01&weeks=0",
    ];

    private async Task<IEnumerable<string>> CheckAsync(IPage page, string name)
    {
        await BrowserFixture.ScreenshotAsync(page, name);
        var result = await page.RunAxe();
        foreach (var minor in result.Violations.Where(v => !Blocking.Contains(v.Impact)))
        {
            output.WriteLine($"{name}: {minor.Impact} {minor.Id}: {minor.Help}");
        }

        return result.Violations.Where(v => Blocking.Contains(v.Impact))
            .Select(v => $"{name} ({page.Url}): {v.Impact} {v.Id}: {v.Help} at {string.Join(" | ", v.Nodes.Take(3).Select(n => n.Html))}");
    }

    private static string Slug(string url)
    {
        var path = url.Trim('/');
        if (path.Length == 0)
        {
            return "start";
        }

        // An id in the path is dropped; one in the query leaves its parameter's name, so each page keeps its own file.
        var parts = path.Split('/', '?', '&').Where(p => !Guid.TryParse(p, out _))
            .Select(p => Guid.TryParse(p.Split('=')[^1], out _) ? p.Split('=')[0] : p)
            .Select(p => p.Replace('=', '-').Replace(':', '-').ToLowerInvariant());
        return string.Join('-', parts);
    }

    /// <summary>A company with a project, a candidate on its shortlist, a frozen report and a few audit entries, made through the API.</summary>
    private async Task<(Guid CompanyId, Guid ProjectId, Guid ProfessionalId, Guid ReportId)> SeedAsync()
    {
        var (companyId, key, _) = await browser.App.CreateCompanyWithKeyAsync($"Acme {Guid.NewGuid():N}"[..12]);
        using var company = browser.App.WithApiKey(key);
        var project = await (await company.PostAsJsonAsync("/api/v1/projects", Samples.Project())).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var projectId = project.GetProperty("id").GetGuid();
        using var admin = await browser.App.AdminAsync();
        var professional = await (await admin.PostAsJsonAsync("/api/v1/professionals", Samples.Professional())).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var professionalId = professional.GetProperty("id").GetGuid();

        var page = await browser.NewPageAsync();
        await browser.SignInAsync(page, NearshoreApiFactory.RecruiterEmail, NearshoreApiFactory.RecruiterPassword);
        await page.GotoAsync($"/Candidates/Details/{professionalId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to shortlist" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added to the shortlist");
        await page.Context.CloseAsync();
        var report = await (await admin.PostAsJsonAsync($"/api/v1/projects/{projectId}/match-reports", new { limit = 10 })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        return (companyId, projectId, professionalId, report.GetProperty("id").GetGuid());
    }
}
