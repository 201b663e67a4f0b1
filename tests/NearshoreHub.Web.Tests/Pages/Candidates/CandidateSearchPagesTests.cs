using System.Net.Http.Json;
using System.Text.RegularExpressions;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>Candidate search: the form is the URL, bad values keep what was typed and show the API's message beside the field.</summary>
public sealed partial class CandidateSearchPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private async Task SeedAsync(string marker)
    {
        using var staff = await app.RecruiterAsync();
        await CreateProfessionalAsync(staff, Professional("React", 5, p => { p["fullName"] = $"Irene {marker}"; p["hourlyRateUsd"] = 35m; }));
        await CreateProfessionalAsync(staff, Professional("React", 2, p => { p["fullName"] = $"Jorge {marker}"; p["hourlyRateUsd"] = 30m; }));
        await CreateProfessionalAsync(staff, Professional("Go", 4, p =>
        {
            p["fullName"] = $"Karla {marker}";
            p["country"] = "MX";
            p["city"] = "Teocelo";
            p["cityPopulation"] = 16_000;
            p["isRural"] = true;
            p["timeZone"] = "America/Mexico_City";
            p["hourlyRateUsd"] = 70m;
        }));
    }

    [Fact]
    public async Task Filters_in_the_url_narrow_the_results_and_stay_in_the_form()
    {
        await SeedAsync("Filtered");
        using var recruiter = await PageClient.RecruiterAsync(app);

        var bySkill = await recruiter.GetHtmlAsync("/Candidates?q=Filtered&skills=react:4&maxRate=50");
        var rural = await recruiter.GetHtmlAsync("/Candidates?q=Filtered&rural=true&citySize=town&country=MX");

        Assert.Contains("Irene Filtered", bySkill, StringComparison.Ordinal);
        Assert.DoesNotContain("Jorge Filtered", bySkill, StringComparison.Ordinal);
        Assert.DoesNotContain("Karla Filtered", bySkill, StringComparison.Ordinal);
        Assert.Contains(">1 candidate</h2>", bySkill, StringComparison.Ordinal);
        Assert.Contains("value=\"react:4\"", bySkill, StringComparison.Ordinal);
        Assert.Contains("value=\"50\"", bySkill, StringComparison.Ordinal);
        Assert.Contains("Karla Filtered", rural, StringComparison.Ordinal);
        Assert.DoesNotContain("Irene Filtered", rural, StringComparison.Ordinal);
        Assert.Matches(CheckedTown(), rural);
    }

    [Fact]
    public async Task Paging_links_keep_the_filters()
    {
        using var staff = await app.RecruiterAsync();
        for (var i = 0; i < 27; i++)
        {
            await CreateProfessionalAsync(staff, Professional("Elm", 3, p => p["fullName"] = $"Paged Person {i:00}"));
        }

        using var recruiter = await PageClient.RecruiterAsync(app);
        var first = await recruiter.GetHtmlAsync("/Candidates?skills=elm&sort=name");
        var next = NextLink().Match(first).Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        var second = await recruiter.GetHtmlAsync(next);

        Assert.Contains(">27 candidates</h2>", first, StringComparison.Ordinal);
        Assert.Contains("skills=elm", next, StringComparison.Ordinal);
        Assert.Contains("sort=name", next, StringComparison.Ordinal);
        Assert.Contains("offset=25", next, StringComparison.Ordinal);
        Assert.Contains("Paged Person 25", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Paged Person 00", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_values_show_messages_beside_their_fields_and_keep_what_was_typed()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = await recruiter.GetHtmlAsync("/Candidates?skills=reactt:4&maxRate=cheap&availableBy=soon&overlapStart=09:00");

        Assert.Contains("value=\"reactt:4\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"cheap\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"soon\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"maxRate-error\" class=\"field-error\">Must be a number from 0 to 10000.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"availableBy-error\" class=\"field-error\">Must be a date as YYYY-MM-DD.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"overlapZone-error\" class=\"field-error\">Required with overlapStart", html, StringComparison.Ordinal);
        Assert.Matches(SkillError(), html);
        Assert.DoesNotContain("results-title", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_without_hits_says_so()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);

        var html = await recruiter.GetHtmlAsync("/Candidates?q=Nobody-Zzyzx");

        Assert.Contains(">0 candidates</h2>", html, StringComparison.Ordinal);
        Assert.Contains("No candidate matches these filters.", html, StringComparison.Ordinal);
    }

    [GeneratedRegex("<input type=\"checkbox\" name=\"citySize\" value=\"town\" checked=\"checked\">")]
    private static partial Regex CheckedTown();

    [GeneratedRegex("<a href=\"([^\"]+)\" rel=\"next\">")]
    private static partial Regex NextLink();

    [GeneratedRegex("id=\"skills-error\" class=\"field-error\">[^<]*reactt")]
    private static partial Regex SkillError();
}
