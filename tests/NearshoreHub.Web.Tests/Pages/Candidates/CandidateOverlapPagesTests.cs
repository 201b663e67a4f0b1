using System.Net;
using System.Text.RegularExpressions;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>The candidate page's 24-hour overlap picture against a project or a typed client zone, across DST switches.</summary>
public sealed partial class CandidateOverlapPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    /// <summary>A São Paulo candidate (no DST since 2019) working 09:00–18:00 Monday to Friday.</summary>
    private async Task<Guid> SaoPauloCandidateAsync(string name)
    {
        using var staff = await app.RecruiterAsync();
        return await CreateProfessionalAsync(staff, Professional("Go", 4, p =>
        {
            p["fullName"] = name;
            p["city"] = "São Paulo";
            p["cityPopulation"] = 11_451_245;
            p["timeZone"] = "America/Sao_Paulo";
        }));
    }

    [Fact]
    public async Task Zone_picture_splits_the_engagement_at_the_US_daylight_switch_into_7_and_8_hour_segments()
    {
        var id = await SaoPauloCandidateAsync("Paula Zone");
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = await recruiter.GetHtmlAsync(
            $"/Candidates/Details/{id}?clientTimeZone=America%2FNew_York&clientStart=09%3A00&clientEnd=17%3A00&from=2027-03-01&weeks=4");

        Assert.Matches(OverlapSvg(), html);
        Assert.Contains("<title id=\"overlap-title\">24-hour overlap of Paula Zone (America/Sao_Paulo) with America/New_York 09:00–17:00", Decode(html), StringComparison.Ordinal);
        Assert.Contains("2027-03-01 to 2027-03-12: client 09:00–17:00, candidate 07:00–16:00, overlap 7 h a day.", Decode(html), StringComparison.Ordinal);
        Assert.Contains("2027-03-15 to 2027-03-26: client 09:00–17:00, candidate 08:00–17:00, overlap 8 h a day.", Decode(html), StringComparison.Ordinal);
        Assert.Contains("2027-03-01 to 2027-03-12: 7 h overlap a day", Decode(html), StringComparison.Ordinal);
        Assert.Contains("2027-03-15 to 2027-03-26: 8 h overlap a day", Decode(html), StringComparison.Ordinal);
        Assert.Equal(2, TableRows().Count(html));
        Assert.Contains("America/New_York switches to daylight time on 2027-03-14 (UTC-05 → UTC-04)", Decode(html), StringComparison.Ordinal);
        Assert.Contains("Average 7.5 h a day over 20 client working days", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Project_link_from_the_matches_draws_the_picture_against_the_projects_core_hours()
    {
        var id = await SaoPauloCandidateAsync("Paula Project");
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Overlap Picture Co");
        using var staff = await app.RecruiterAsync();
        // New York 09–17 from 2027-03-01 for 12 weeks: one US switch (14 March) inside, none in São Paulo.
        var projectId = await CreateProjectAsync(staff, Project(companyId, "Go", p => p["title"] = "Checkout rewrite"));
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = Decode(await recruiter.GetHtmlAsync($"/Candidates/Details/{id}?projectId={projectId}"));

        Assert.Contains("with Checkout rewrite (Overlap Picture Co), on the America/New_York clock", html, StringComparison.Ordinal);
        Assert.Contains("2027-03-01 to 2027-03-12: 7 h overlap a day", html, StringComparison.Ordinal);
        Assert.Contains("2027-03-15 to 2027-05-21: 8 h overlap a day", html, StringComparison.Ordinal);
        Assert.Matches($"<option selected=\"selected\" value=\"{projectId}\">Checkout rewrite", html);
    }

    [Fact]
    public async Task Candidate_page_without_a_choice_offers_the_forms_but_draws_nothing()
    {
        var id = await SaoPauloCandidateAsync("Paula Plain");
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = await recruiter.GetHtmlAsync($"/Candidates/Details/{id}");

        Assert.Contains("Show overlap with these hours", html, StringComparison.Ordinal);
        Assert.Contains("value=\"America/New_York\"", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(OverlapSvg(), html);
    }

    [Fact]
    public async Task Bad_zone_hours_and_dates_show_the_calculators_messages_and_keep_what_was_typed()
    {
        var id = await SaoPauloCandidateAsync("Paula Typo");
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = Decode(await recruiter.GetHtmlAsync(
            $"/Candidates/Details/{id}?clientTimeZone=America%2FGotham&clientStart=25%3A00&clientEnd=17%3A00&from=2027-02-30&weeks=0"));

        Assert.DoesNotMatch(OverlapSvg(), html);
        Assert.Contains("role=\"alert\">The overlap could not be drawn", html, StringComparison.Ordinal);
        Assert.Matches(FieldError("clientTimeZone", "Must be an IANA time zone id"), html);
        Assert.Matches(FieldError("clientStart", "Must be a time of day as HH:mm."), html);
        Assert.Matches(FieldError("from", "Must be a date as YYYY-MM-DD"), html);
        Assert.Matches(FieldError("weeks", "Must be a whole number of weeks from 1 to 104."), html);
        Assert.Contains("value=\"America/Gotham\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"25:00\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2027-02-30\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"weeks\" name=\"weeks\" inputmode=\"numeric\" value=\"0\" class=\"input-validation-error\" aria-describedby=\"weeks-error\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"clientEnd\" name=\"clientEnd\" value=\"17:00\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_end_before_the_start_is_refused_beside_the_end_field()
    {
        var id = await SaoPauloCandidateAsync("Paula Backwards");
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = Decode(await recruiter.GetHtmlAsync($"/Candidates/Details/{id}?clientTimeZone=Europe%2FLisbon&clientStart=17%3A00&clientEnd=09%3A00&from=2027-03-01&weeks=4"));

        Assert.Matches(FieldError("clientEnd", "The end must be after the start."), html);
        Assert.DoesNotMatch(OverlapSvg(), html);
    }

    [Fact]
    public async Task An_unknown_project_in_the_link_is_a_message_on_the_project_field()
    {
        var id = await SaoPauloCandidateAsync("Paula Lost");
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = Decode(await recruiter.GetHtmlAsync($"/Candidates/Details/{id}?projectId={Guid.NewGuid()}"));

        Assert.Matches(FieldError("projectId", "There is no such project"), html);
        Assert.DoesNotMatch(OverlapSvg(), html);
    }

    [Fact]
    public async Task The_overlap_form_is_not_offered_to_signed_out_visitors()
    {
        var id = await SaoPauloCandidateAsync("Paula Private");
        using var anonymous = PageClient.Anonymous(app);

        var response = await anonymous.GetAsync($"/Candidates/Details/{id}?clientTimeZone=America%2FNew_York&clientStart=09%3A00&clientEnd=17%3A00&from=2027-03-01&weeks=4");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    private static string Decode(string html) => WebUtility.HtmlDecode(html);

    private static Regex FieldError(string field, string message) =>
        new($"id=\"{field}-error\" class=\"field-error\">[^<]*{Regex.Escape(message)}");

    [GeneratedRegex("<svg class=\"chart overlap-chart\"[^>]*role=\"img\"[^>]*aria-labelledby=\"overlap-title\" aria-describedby=\"overlap-desc\"")]
    private static partial Regex OverlapSvg();

    [GeneratedRegex("<tr>\\s*<th scope=\"row\">2027-")]
    private static partial Regex TableRows();
}
