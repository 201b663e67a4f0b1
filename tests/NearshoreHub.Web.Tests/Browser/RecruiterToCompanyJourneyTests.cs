using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Browser;

/// <summary>
/// The whole journey of issue 4 in one real browser session per person: a recruiter finds a candidate, checks the
/// overlap, shortlists and freezes; an admin approves; the company reads the report with its API key.
/// Screenshots of each main page go to <see cref="BrowserFixture.ScreenshotDirectory"/> as journey-*.png.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RecruiterToCompanyJourneyTests(BrowserFixture browser)
{
    [Fact]
    public async Task Recruiter_shortlists_and_freezes_admin_approves_and_the_company_reads_the_report_through_the_api()
    {
        var seed = await SeedAsync();

        // Recruiter: search with filters that live in the URL.
        var recruiter = await browser.NewPageAsync();
        await browser.SignInAsync(recruiter, NearshoreApiFactory.RecruiterEmail, NearshoreApiFactory.RecruiterPassword);
        await recruiter.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Candidates" }).ClickAsync();
        await recruiter.Locator("#skills").FillAsync("elixir:3");
        await recruiter.Locator("#country").FillAsync("BR");
        await recruiter.Locator("input[name=citySize][value=metro]").CheckAsync();
        await recruiter.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Heading, new() { Name = "2 candidates" })).ToBeVisibleAsync();
        Assert.Contains("skills=elixir", recruiter.Url, StringComparison.Ordinal);
        Assert.Contains("citySize=metro", recruiter.Url, StringComparison.Ordinal);
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Link, new() { Name = seed.MexicanName })).ToHaveCountAsync(0);
        await BrowserFixture.ScreenshotAsync(recruiter, "journey-1-search");

        // Candidate page: the overlap picture against the project, split at the US daylight switch.
        await recruiter.GetByRole(AriaRole.Link, new() { Name = seed.CandidateName }).ClickAsync();
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Heading, new() { Name = seed.CandidateName, Level = 1 })).ToBeVisibleAsync();
        await recruiter.GetByLabel("Project", new() { Exact = true }).SelectOptionAsync(seed.ProjectId.ToString());
        await recruiter.GetByRole(AriaRole.Button, new() { Name = "Show overlap with the project" }).ClickAsync();
        var picture = recruiter.GetByRole(AriaRole.Img, new() { Name = $"24-hour overlap of {seed.CandidateName}" });
        await Assertions.Expect(picture).ToBeVisibleAsync();
        var segments = recruiter.Locator("table.overlap-table tbody tr");
        await Assertions.Expect(segments).ToHaveCountAsync(2);
        await Assertions.Expect(segments.Nth(0)).ToContainTextAsync("7 h");
        await Assertions.Expect(segments.Nth(1)).ToContainTextAsync("8 h");
        await Assertions.Expect(segments.Nth(1)).ToContainTextAsync("America/New_York switches to daylight time on 2027-03-14");
        await BrowserFixture.ScreenshotAsync(recruiter, "journey-2-candidate-overlap");

        // Project: live matches, shortlist, status change, freeze.
        await recruiter.GetByRole(AriaRole.Link, new() { Name = $"Live matches for {seed.ProjectTitle}" }).ClickAsync();
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Heading, new() { Name = "Live matches" })).ToBeVisibleAsync();
        await Assertions.Expect(recruiter.GetByText("among 3 eligible candidates")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(recruiter, "journey-3-project-matches");
        // The candidate's name is a visually hidden span, which accessible-name rules set off with spaces.
        await recruiter.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^Add to shortlist\\s*:\\s*{Regex.Escape(seed.CandidateName)}$") }).ClickAsync();
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Status)).ToContainTextAsync("Added to the shortlist");
        await recruiter.GetByLabel($"Status of {seed.CandidateName}").SelectOptionAsync(new SelectOptionValue { Label = "interviewing" });
        await recruiter.GetByRole(AriaRole.Button, new() { Name = $"Update status of {seed.CandidateName}" }).ClickAsync();
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Status)).ToContainTextAsync("Shortlist status changed to interviewing");
        await recruiter.GetByLabel("Candidates to keep").FillAsync("2");
        await recruiter.GetByRole(AriaRole.Button, new() { Name = "Freeze as report" }).ClickAsync();
        await Assertions.Expect(recruiter.GetByRole(AriaRole.Status)).ToContainTextAsync("The top 2 were frozen as a report pending review.");
        await BrowserFixture.ScreenshotAsync(recruiter, "journey-4-shortlist-and-frozen");
        await recruiter.Context.CloseAsync();

        // Admin: the review queue, the report with its charts, approval with a note.
        var admin = await browser.NewPageAsync();
        await browser.SignInAsync(admin, NearshoreApiFactory.AdminEmail, NearshoreApiFactory.AdminPassword);
        await admin.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Review queue" }).ClickAsync();
        await BrowserFixture.ScreenshotAsync(admin, "journey-5-review-queue");
        await admin.GetByRole(AriaRole.Link, new() { Name = seed.ProjectTitle }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(seed.ProjectTitle);
        await BrowserFixture.ScreenshotAsync(admin, "journey-6-report");
        await admin.GetByLabel("Approve").CheckAsync();
        await admin.GetByLabel("Notes").FillAsync("Both São Paulo candidates overlap 7–8 h; go ahead.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Record review" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync("Report approved.");
        await BrowserFixture.ScreenshotAsync(admin, "journey-7-approved");
        await admin.Context.CloseAsync();

        // Company: reads its approved report with its key, without contact details or rates.
        using var company = browser.App.WithApiKey(seed.CompanyKey);
        var list = await company.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{seed.ProjectId}/match-reports");
        var reportId = Assert.Single(list.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid();
        var response = await company.GetAsync(new Uri($"/api/v1/match-reports/{reportId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        var report = JsonDocument.Parse(text).RootElement;
        Assert.Equal("approved", report.GetProperty("review").GetProperty("status").GetString(), ignoreCase: true);
        Assert.Equal("Both São Paulo candidates overlap 7–8 h; go ahead.", report.GetProperty("review").GetProperty("notes").GetString());
        var ranked = report.GetProperty("ranking").GetProperty("items").EnumerateArray().Select(i => i.GetProperty("professional").GetProperty("fullName").GetString()).ToList();
        Assert.Equal(2, ranked.Count);
        Assert.Contains(seed.CandidateName, ranked);
        Assert.DoesNotContain(PropertyNames(report), n => n.Contains("email", StringComparison.OrdinalIgnoreCase) || n.Contains("hourlyRate", StringComparison.OrdinalIgnoreCase));
        foreach (var email in seed.Emails)
        {
            Assert.DoesNotContain(email, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private sealed record Seed(Guid ProjectId, string ProjectTitle, string CompanyKey, string CandidateName, string MexicanName, IReadOnlyList<string> Emails);

    /// <summary>
    /// Two São Paulo metro candidates and one in Mexico City holding Elixir, and a New York 09–17 project from
    /// 2027-03-01 (12 weeks) needing it, all made through the API. Names carry a run id: the browser tests share one database.
    /// </summary>
    private async Task<Seed> SeedAsync()
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var (companyId, key, _) = await browser.App.CreateCompanyWithKeyAsync($"Journey Co {run}");
        using var staff = await browser.App.RecruiterAsync();
        var emails = new List<string>();
        async Task<string> PersonAsync(string name, decimal rate, bool mexican)
        {
            var email = $"{name.Split(' ')[0].ToLowerInvariant()}.{run}@example.com";
            emails.Add(email);
            await CreateProfessionalAsync(staff, Professional("Elixir", 4, p =>
            {
                p["fullName"] = name;
                p["email"] = email;
                p["hourlyRateUsd"] = rate;
                p["country"] = mexican ? "MX" : "BR";
                p["city"] = mexican ? "Mexico City" : "São Paulo";
                p["cityPopulation"] = mexican ? 8_918_653 : 11_451_245;
                p["timeZone"] = mexican ? "America/Mexico_City" : "America/Sao_Paulo";
            }));
            return name;
        }

        var candidate = await PersonAsync($"Rosa Tavares {run}", 35m, false);
        await PersonAsync($"Bruno Araujo {run}", 48m, false);
        var mexican = await PersonAsync($"Lucia Paz {run}", 40m, true);
        var title = $"Realtime billing {run}";
        var projectId = await CreateProjectAsync(staff, Project(companyId, "Elixir", p => p["title"] = title));
        return new Seed(projectId, title, key, candidate, mexican, emails);
    }

    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };
}
