using System.Net;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>
/// The candidate page against a project (issue 17): holidays marked on the overlap picture, slots with both local times,
/// booking one, and the project page listing it.
/// </summary>
public sealed class CandidateInterviewPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task A_recruiter_sees_holidays_and_slots_in_both_zones_books_one_and_the_project_lists_it()
    {
        using var staff = await app.RecruiterAsync();
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Slots Page Co");
        var id = await CreateProfessionalAsync(staff, Professional("Go", 4, p =>
        {
            p["fullName"] = "Paula Slots";
            p["timeZone"] = "America/Sao_Paulo";
        }));
        var project = await CreateProjectAsync(staff, Project(companyId, "Go", p =>
        {
            p["startDate"] = "2027-04-19";
            p["durationWeeks"] = 1;
        }));
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = WebUtility.HtmlDecode(await recruiter.GetHtmlAsync($"/Candidates/Details/{id}?projectId={project}"));
        Assert.Contains("2027-04-21 Tiradentes' Day (BR), candidate", html, StringComparison.Ordinal);
        Assert.Contains("shares 4 of the client's 5 working days", html, StringComparison.Ordinal);
        Assert.Contains("id=\"interview-slots\"", html, StringComparison.Ordinal);

        // The page offers the next 7 days from today; the first slot is booked through its own form.
        var start = System.Text.RegularExpressions.Regex.Match(html, "name=\"start\" value=\"([^\"]+)\"");
        Assert.True(start.Success, "No slot offered on the page.");
        Assert.Matches(@"<td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}</td>\s*<td>\d{4}-\d{2}-\d{2} \d{2}:\d{2}</td>", html);
        var after = await recruiter.SubmitAsync($"/Candidates/Details/{id}?handler=Book", new() { ["projectId"] = project.ToString(), ["start"] = start.Groups[1].Value });
        Assert.Contains("Interview booked for", WebUtility.HtmlDecode(after), StringComparison.Ordinal);
        Assert.Equal(1L, await app.CountAsync("interviews", $"professional_id = '{id}'"));

        var projectPage = WebUtility.HtmlDecode(await recruiter.GetHtmlAsync($"/Projects/Details/{project}"));
        Assert.Contains("id=\"interviews\"", projectPage, StringComparison.Ordinal);
        Assert.Contains("Paula Slots", projectPage, StringComparison.Ordinal);
        Assert.Contains("scheduled", projectPage, StringComparison.Ordinal);
    }
}
