using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>The admin review queue and report page: charts of the frozen ranking, then a final approve or reject.</summary>
public sealed partial class ReportReviewPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    /// <summary>A project with two Brazilian city people and one rural Mexican, frozen through the API as its top 2.</summary>
    private async Task<(Guid ProjectId, Guid ReportId)> FrozenReportAsync(string skill, string title)
    {
        using var staff = await app.RecruiterAsync();
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync($"{title} Co");
        foreach (var (name, rate, mexican) in new[] { ("Elena Prado", 32m, false), ("Fabio Nunes", 40m, false), ("Gloria Tapia", 55m, true) })
        {
            await CreateProfessionalAsync(staff, Professional(skill, 4, p =>
            {
                p["fullName"] = name;
                p["hourlyRateUsd"] = rate;
                if (mexican)
                {
                    p["country"] = "MX";
                    p["city"] = "Teocelo";
                    p["cityPopulation"] = 16_000;
                    p["isRural"] = true;
                    p["timeZone"] = "America/Mexico_City";
                }
            }));
        }

        var projectId = await CreateProjectAsync(staff, Project(companyId, skill, p => p["title"] = title));
        var response = await staff.PostAsJsonAsync($"/api/v1/projects/{projectId}/match-reports", new { limit = 2 });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (projectId, report.GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task Queue_lists_pending_reports_first_and_filters_by_status()
    {
        var (_, reviewed) = await FrozenReportAsync("Elixir", "Queue reviewed");
        var (_, pending) = await FrozenReportAsync("Elixir", "Queue pending");
        using var admin = await PageClient.AdminAsync(app);
        await admin.SubmitAsync($"/Admin/Reports/Details/{reviewed}?handler=Review", new() { ["Decision"] = "rejected", ["Notes"] = "Too few" });
        var (_, newest) = await FrozenReportAsync("Elixir", "Queue newest");
        await admin.SubmitAsync($"/Admin/Reports/Details/{newest}?handler=Review", new() { ["Decision"] = "approved" });

        var queue = await admin.GetHtmlAsync("/Admin/Reports");
        var rejectedOnly = await admin.GetHtmlAsync("/Admin/Reports?status=Rejected");

        var pendingAt = queue.IndexOf("Queue pending", StringComparison.Ordinal);
        var newestAt = queue.IndexOf("Queue newest", StringComparison.Ordinal);
        var reviewedAt = queue.IndexOf("Queue reviewed", StringComparison.Ordinal);
        Assert.True(pendingAt > 0 && newestAt > pendingAt && reviewedAt > newestAt, "pending first, then newest");
        Assert.Contains($"href=\"/Admin/Reports/Details/{pending}\"", queue, StringComparison.Ordinal);
        Assert.Contains("Queue reviewed", rejectedOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Queue pending", rejectedOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Queue newest", rejectedOnly, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_page_draws_the_score_distribution_and_pool_versus_top_representation()
    {
        var (_, reportId) = await FrozenReportAsync("Rust", "Charted");
        using var admin = await PageClient.AdminAsync(app);

        var html = await admin.GetHtmlAsync($"/Admin/Reports/Details/{reportId}");

        Assert.Contains("Report: Charted", html, StringComparison.Ordinal);
        Assert.Contains("top 2 of 3 eligible", html, StringComparison.Ordinal);
        Assert.Matches(HistogramTitle(), html);
        Assert.Contains("By country, pool versus top: BR: pool 67% (2), top 100% (2); MX: pool 33% (1), top 0% (0)", html, StringComparison.Ordinal);
        Assert.Matches(RuralityTitle(), html);
        Assert.Contains("By city size, pool versus top:", html, StringComparison.Ordinal);
        Assert.Contains("Elena Prado", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Gloria Tapia", html, StringComparison.Ordinal);
        Assert.Contains("name=\"Decision\" value=\"approved\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_approves_with_notes_and_a_second_review_is_shown_as_a_form_error()
    {
        var (projectId, reportId) = await FrozenReportAsync("Kotlin", "Approved one");
        using var admin = await PageClient.AdminAsync(app);
        var url = $"/Admin/Reports/Details/{reportId}";
        var form = await admin.GetHtmlAsync(url);

        var approved = await admin.PostWithoutTokenAsync($"{url}?handler=Review",
            new() { ["Decision"] = "approved", ["Notes"] = "  Balanced shortlist  ", ["__RequestVerificationToken"] = PageClient.TokenIn(form) });
        var again = await admin.PostWithoutTokenAsync($"{url}?handler=Review",
            new() { ["Decision"] = "rejected", ["Notes"] = "Changed my mind", ["__RequestVerificationToken"] = PageClient.TokenIn(form) });

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var html = await again.Content.ReadAsStringAsync();
        Assert.Contains("The report was already approved; a review is final.", html, StringComparison.Ordinal);
        var report = await app.WithDbAsync(db => db.MatchReports.SingleAsync(r => r.Id == reportId));
        Assert.Equal(ReviewStatus.Approved, report.ReviewStatus);
        Assert.Equal("Balanced shortlist", report.ReviewNotes);
        Assert.Equal(NearshoreApiFactory.AdminEmail, report.ReviewedBy, ignoreCase: true);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "report.review" && e.Target == reportId.ToString())));
        var page = await admin.GetHtmlAsync(url);
        Assert.Contains("Balanced shortlist", page, StringComparison.Ordinal);
        Assert.Contains("A review is final.", page, StringComparison.Ordinal);
        Assert.Equal(projectId, report.ProjectId);
    }

    [Fact]
    public async Task A_review_without_a_decision_shows_the_validator_message_and_keeps_the_notes()
    {
        var (_, reportId) = await FrozenReportAsync("Swift", "Undecided");
        using var admin = await PageClient.AdminAsync(app);

        var response = await admin.PostFormAsync($"/Admin/Reports/Details/{reportId}?handler=Review", new() { ["Notes"] = "Thinking about it" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(DecisionError(), html);
        Assert.Contains("Thinking about it</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(ReviewStatus.PendingReview, await app.WithDbAsync(db => db.MatchReports.Where(r => r.Id == reportId).Select(r => r.ReviewStatus).SingleAsync()));
    }

    [Fact]
    public async Task Recruiters_cannot_open_the_queue_or_review()
    {
        var (_, reportId) = await FrozenReportAsync("Dart", "Guarded");
        using var recruiter = await PageClient.RecruiterAsync(app);
        using var anonymous = PageClient.Anonymous(app);

        var queue = await recruiter.GetAsync("/Admin/Reports");
        var report = await recruiter.GetAsync($"/Admin/Reports/Details/{reportId}");
        var signedOut = await anonymous.GetAsync($"/Admin/Reports/Details/{reportId}");

        Assert.Contains("/Account/AccessDenied", queue.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("/Account/AccessDenied", report.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.Contains("/Account/Login", signedOut.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_freezing_from_the_project_page_lands_on_the_report_page()
    {
        var (projectId, _) = await FrozenReportAsync("Groovy", "Admin freeze");
        using var admin = await PageClient.AdminAsync(app);

        var frozen = await admin.PostFormAsync($"/Projects/Details/{projectId}?handler=Freeze", new() { ["ReportLimit"] = "3" });

        Assert.Equal(HttpStatusCode.Redirect, frozen.StatusCode);
        Assert.StartsWith("/Admin/Reports/Details/", frozen.Headers.Location!.ToString(), StringComparison.Ordinal);
        var html = await admin.GetHtmlAsync(frozen.Headers.Location!.ToString());
        Assert.Contains("top 3 of 3 eligible", html, StringComparison.Ordinal);
        Assert.Contains("Gloria Tapia", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<title id=\"score-histogram-title\">Frozen candidates by score band: 0&#x2013;10: 0;[^<]*90&#x2013;100: \\d+</title>")]
    private static partial Regex HistogramTitle();

    [GeneratedRegex("<title id=\"by-rurality-title\">Rural or urban, pool versus top: [^<]*rural: pool 33% \\(1\\), top 0% \\(0\\)")]
    private static partial Regex RuralityTitle();

    [GeneratedRegex("data-valmsg-for=\"Decision\"[^>]*>[^<]*must not be empty|data-valmsg-for=\"Decision\"[^>]*>Must be")]
    private static partial Regex DecisionError();
}
