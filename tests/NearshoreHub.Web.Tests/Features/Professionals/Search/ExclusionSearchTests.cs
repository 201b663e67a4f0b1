using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>Exclusion in search and export (product spec §13), each test with its own marker word so tests do not meet.</summary>
public sealed class ExclusionSearchTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private async Task<Guid> AddAsync(HttpClient staff, string fullName, string headline, Action<Dictionary<string, object?>>? change = null)
    {
        var body = Samples.Professional();
        body["fullName"] = fullName;
        body["headline"] = headline;
        change?.Invoke(body);
        var response = await staff.PostAsJsonAsync("/api/v1/professionals", body);
        return (await ApiAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static async Task<(int Total, List<Guid> Ids)> SearchAsync(HttpClient staff, string query)
    {
        var page = await ApiAssert.JsonAsync(await staff.GetAsync("/api/v1/professionals?limit=200&" + query), HttpStatusCode.OK);
        return (page.GetProperty("total").GetInt32(), page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList());
    }

    [Fact]
    public async Task NOT_in_capitals_excludes_the_next_word_and_not_in_lower_case_is_an_ordinary_word()
    {
        using var staff = await app.RecruiterAsync();
        var engineer = await AddAsync(staff, "Ana Quixel", "Backend engineer");
        await AddAsync(staff, "Bia Quixel", "Engineer and manager");
        var notManager = await AddAsync(staff, "Caio Quixel", "Engineer, not a manager");

        Assert.Equal([engineer], (await SearchAsync(staff, "q=quixel%20engineer%20NOT%20manager")).Ids);
        // Lower-case "not" is a word: only the one whose text has both "not" and "manager".
        Assert.Equal([notManager], (await SearchAsync(staff, "q=quixel%20engineer%20not%20manager")).Ids);
    }

    [Fact]
    public async Task Minus_excludes_words_and_phrases_and_quotes_make_a_phrase()
    {
        using var staff = await app.RecruiterAsync();
        var data = await AddAsync(staff, "Ana Vortle", "Data engineer in Recife");
        var backend = await AddAsync(staff, "Bia Vortle", "Backend engineer, data pipelines");
        var full = await AddAsync(staff, "Caio Vortle", "Full-stack developer");

        Assert.Equal([data], (await SearchAsync(staff, "q=vortle%20%22data%20engineer%22")).Ids);
        Assert.Equal([backend, full], (await SearchAsync(staff, "q=vortle%20-%22data%20engineer%22")).Ids);
        Assert.Equal([full], (await SearchAsync(staff, "q=vortle%20-engineer")).Ids);
        // A hyphen inside a word is part of the word.
        Assert.Equal([full], (await SearchAsync(staff, "q=vortle%20full-stack")).Ids);
    }

    [Fact]
    public async Task A_query_that_only_excludes_searches_everyone_else_by_name_even_when_relevance_is_asked_for()
    {
        using var staff = await app.RecruiterAsync();
        await AddAsync(staff, "Zed Plimsoll", "Plimsoll engineer");
        var everyone = await SearchAsync(staff, "sort=name");
        var withMarker = await SearchAsync(staff, "q=plimsoll");

        var (total, ids) = await SearchAsync(staff, "q=-plimsoll&sort=relevance");
        var byName = await SearchAsync(staff, "q=-plimsoll&sort=name");
        Assert.Equal(everyone.Total - withMarker.Total, total);
        Assert.Equal(byName.Ids, ids);
        Assert.DoesNotContain(withMarker.Ids[0], ids);
        Assert.Equal(everyone.Ids.Where(id => !withMarker.Ids.Contains(id)), ids);
    }

    [Fact]
    public async Task Skills_countries_city_sizes_and_a_projects_shortlist_can_be_excluded()
    {
        using var staff = await app.RecruiterAsync();
        var javaSenior = await AddAsync(staff, "Ana Grommet", "Grommet", p => p["skills"] = new object[] { new { skill = "Java", level = 5, years = 9 } });
        var jsJunior = await AddAsync(staff, "Bia Grommet", "Grommet", p => p["skills"] = new object[] { new { skill = "JavaScript", level = 2, years = 1 } });
        var mexican = await AddAsync(staff, "Caio Grommet", "Grommet", p => { p["country"] = "MX"; p["timeZone"] = "America/Mexico_City"; });
        var town = await AddAsync(staff, "Davi Grommet", "Grommet", p => p["cityPopulation"] = 20_000);

        // Aliases count and the level after the colon is the lowest one excluded.
        Assert.DoesNotContain(jsJunior, (await SearchAsync(staff, "q=grommet&notSkills=js")).Ids);
        Assert.Contains(jsJunior, (await SearchAsync(staff, "q=grommet&notSkills=js:3")).Ids);
        Assert.DoesNotContain(javaSenior, (await SearchAsync(staff, "q=grommet&notSkills=java:5")).Ids);
        Assert.Contains(jsJunior, (await SearchAsync(staff, "q=grommet&notSkills=java")).Ids);
        Assert.Equal([javaSenior, jsJunior, town], (await SearchAsync(staff, "q=grommet&notCountry=mx,CO")).Ids);
        Assert.Equal([javaSenior, jsJunior, mexican], (await SearchAsync(staff, "q=grommet&notCitySize=town")).Ids);

        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Grommet Co");
        var project = (await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/projects", Samples.Project(companyId)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await app.QueryAsync($"""
            INSERT INTO shortlist_entries (project_id, professional_id, status, notes, added_by, added_at, updated_at)
            VALUES ('{project}', '{javaSenior}', 'Proposed', '', 'tests', now(), now()), ('{project}', '{mexican}', 'Rejected', '', 'tests', now(), now())
            """);
        // A rejected entry is no longer on the shortlist, so it is not excluded.
        Assert.Equal([jsJunior, mexican, town], (await SearchAsync(staff, $"q=grommet&excludeShortlistedFor={project}")).Ids);

        var csv = await staff.GetStringAsync($"/api/v1/professionals/export?q=grommet&notCountry=MX&excludeShortlistedFor={project}");
        Assert.Contains("Bia Grommet", csv, StringComparison.Ordinal);
        Assert.Contains("Davi Grommet", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana Grommet", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Caio Grommet", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("notSkills=cobolx", "notSkills")]
    [InlineData("notSkills=java:9", "notSkills")]
    [InlineData("notCountry=ZZ", "notCountry")]
    [InlineData("notCitySize=village", "notCitySize")]
    [InlineData("excludeShortlistedFor=not-a-guid", "excludeShortlistedFor")]
    [InlineData("excludeShortlistedFor=6f9619ff-8b86-d011-b42d-00c04fc964ff", "excludeShortlistedFor")]
    public async Task Bad_exclusions_are_refused_naming_the_parameter_in_search_and_export(string query, string field)
    {
        using var staff = await app.RecruiterAsync();
        await ApiAssert.ValidationProblemAsync(await staff.GetAsync("/api/v1/professionals?" + query), field);
        await ApiAssert.ValidationProblemAsync(await staff.GetAsync("/api/v1/professionals/export?" + query), field);
    }
}
