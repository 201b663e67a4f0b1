using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>Live matches on the project page: ranking with drawn score bars, shortlisting from a row, freezing a report.</summary>
public sealed partial class MatchPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    /// <summary>A project needing <paramref name="skill"/> and three matching people, cheapest (best rate score) first.</summary>
    private async Task<(Guid ProjectId, List<Guid> People)> SetupAsync(string skill, string company)
    {
        using var staff = await app.RecruiterAsync();
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync(company);
        var people = new List<Guid>();
        foreach (var (name, rate) in new[] { ("Beatriz Lima", 31m), ("Carlos Mendes", 44m), ("Diana Rojas", 58m) })
        {
            people.Add(await CreateProfessionalAsync(staff, Professional(skill, 4, p =>
            {
                p["fullName"] = $"{name} {company}";
                p["hourlyRateUsd"] = rate;
            })));
        }

        return (await CreateProjectAsync(staff, Project(companyId, skill)), people);
    }

    [Fact]
    public async Task Project_page_ranks_live_matches_with_score_bars_explanations_and_candidate_links()
    {
        var (projectId, people) = await SetupAsync("Clojure", "Ranked");
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = await recruiter.GetHtmlAsync($"/Projects/Details/{projectId}");

        Assert.Contains("Live matches", html, StringComparison.Ordinal);
        Assert.Contains("among 3 eligible candidates", html, StringComparison.Ordinal);
        var first = html.IndexOf("Beatriz Lima Ranked", StringComparison.Ordinal);
        var third = html.IndexOf("Diana Rojas Ranked", StringComparison.Ordinal);
        Assert.True(first > 0 && third > first, "the cheapest candidate should rank above the dearest");
        Assert.Contains($"href=\"/Candidates/Details/{people[0]}?projectId={projectId}\"", html, StringComparison.Ordinal);
        Assert.Equal(3, ScoreBarCharts().Count(html));
        Assert.Matches(SkillsBarTitle(), html);
        Assert.Contains("Has: Clojure", html, StringComparison.Ordinal);
        Assert.Contains("<ul class=\"explanation\">", html, StringComparison.Ordinal);
        Assert.Equal(3, AddToShortlistButtons().Count(html));
    }

    [Fact]
    public async Task Matches_page_through_with_an_offset_and_a_shortlisted_row_loses_its_button()
    {
        var (projectId, people) = await SetupAsync("Haskell", "Paged");
        using var recruiter = await PageClient.RecruiterAsync(app);
        var url = $"/Projects/Details/{projectId}";

        var added = await recruiter.PostFormAsync($"{url}?handler=Shortlist", new() { ["professionalId"] = people[0].ToString() });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var html = await recruiter.GetHtmlAsync(url);
        var later = await recruiter.GetHtmlAsync($"{url}?matchesOffset=2");

        Assert.Equal(2, AddToShortlistButtons().Count(html));
        Assert.Contains("On the shortlist.", html, StringComparison.Ordinal);
        Assert.Contains("<ol class=\"matches\" start=\"3\">", later, StringComparison.Ordinal);
        Assert.DoesNotContain("Beatriz Lima Paged</a></h3>", later, StringComparison.Ordinal);
        Assert.Contains("Diana Rojas Paged", later, StringComparison.Ordinal);
        Assert.Contains("Showing 3&#x2013;3 of 3", later, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", later, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Freezing_from_the_project_page_stores_a_pending_report_like_the_api()
    {
        var (projectId, people) = await SetupAsync("Erlang", "Frozen");
        using var recruiter = await PageClient.RecruiterAsync(app);
        var url = $"/Projects/Details/{projectId}";

        var frozen = await recruiter.PostFormAsync($"{url}?handler=Freeze", new() { ["ReportLimit"] = "2" });

        Assert.Equal(HttpStatusCode.Redirect, frozen.StatusCode);
        var report = await app.WithDbAsync(db => db.MatchReports.SingleAsync(r => r.ProjectId == projectId));
        Assert.Equal(ReviewStatus.PendingReview, report.ReviewStatus);
        Assert.Equal(2, report.Limit);
        Assert.Equal(3, report.EligibleCount);
        Assert.Equal(NearshoreApiFactory.RecruiterEmail, report.CreatedBy, ignoreCase: true);
        Assert.Contains(people[0].ToString(), report.Snapshot, StringComparison.Ordinal);
        Assert.DoesNotContain(people[2].ToString(), report.Snapshot, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "report.create" && e.Target == report.Id.ToString())));
        var after = await recruiter.GetHtmlAsync(frozen.Headers.Location!.ToString());
        Assert.Contains("The top 2 were frozen as a report pending review.", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Freezing_with_a_bad_size_shows_the_api_validator_message_and_stores_nothing()
    {
        var (projectId, _) = await SetupAsync("OCaml", "Refused");
        using var recruiter = await PageClient.RecruiterAsync(app);

        var response = await recruiter.PostFormAsync($"/Projects/Details/{projectId}?handler=Freeze", new() { ["ReportLimit"] = "500" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(LimitError(), html);
        Assert.Contains("value=\"500\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.MatchReports.AnyAsync(r => r.ProjectId == projectId)));
    }

    [Fact]
    public async Task Freezing_without_an_anti_forgery_token_is_refused()
    {
        var (projectId, _) = await SetupAsync("Scala", "Forged");
        using var recruiter = await PageClient.RecruiterAsync(app);

        var response = await recruiter.PostWithoutTokenAsync($"/Projects/Details/{projectId}?handler=Freeze", new() { ["ReportLimit"] = "2" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.MatchReports.AnyAsync(r => r.ProjectId == projectId)));
    }

    [GeneratedRegex("<svg class=\"chart score-bars\"[^>]*role=\"img\"")]
    private static partial Regex ScoreBarCharts();

    [GeneratedRegex("<title id=\"bars-[0-9a-f]{32}-title\">Score breakdown for Beatriz Lima Ranked: Skills [0-9.]+ of 45\\.0 points; Overlap [0-9.]+ of 25\\.0 points")]
    private static partial Regex SkillsBarTitle();

    [GeneratedRegex("<button type=\"submit\" class=\"button-secondary\">Add to shortlist")]
    private static partial Regex AddToShortlistButtons();

    [GeneratedRegex("data-valmsg-for=\"ReportLimit\"[^>]*>[^<]*must be between 1 and 200")]
    private static partial Regex LimitError();
}
