using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Professionals;

namespace NearshoreHub.Web.Tests.SavedSearches;

/// <summary>Saved searches and what is new to them (product spec §13), through creates, updates, imports and deletes.</summary>
public sealed class SavedSearchesApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private static async Task<JsonElement> SavedAsync(HttpClient staff, Guid id) =>
        await ApiAssert.JsonAsync(await staff.GetAsync($"/api/v1/saved-searches/{id}"), HttpStatusCode.OK);

    private static async Task<int> NewCountAsync(HttpClient staff, Guid id) => (await SavedAsync(staff, id)).GetProperty("newCount").GetInt32();

    private static async Task<JsonElement> ImportAsync(HttpClient staff, params Dictionary<string, string>[] rows)
    {
        using var content = new StringContent(ProfessionalCsvFiles.File(rows), Encoding.UTF8, "text/csv");
        return await ApiAssert.JsonAsync(await staff.PostAsync("/api/v1/professionals/import?mode=atomic", content), HttpStatusCode.OK);
    }

    [Fact]
    public async Task New_counts_exactly_who_matches_now_and_changed_after_seen_through_imports_updates_and_deletes()
    {
        using var staff = await app.RecruiterAsync();
        var created = await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/saved-searches",
            new { name = "Tamarind in Brazil", query = "q=tamarind&country=BR&sort=-name&offset=5&limit=3" }), HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("q=tamarind&country=BR", created.GetProperty("query").GetString());
        Assert.Equal(0, created.GetProperty("newCount").GetInt32());

        var brazil = ProfessionalCsvFiles.Row("tamarind.br@example.com").With("headline", "Tamarind engineer");
        var mexico = ProfessionalCsvFiles.Row("tamarind.mx@example.com").With("headline", "Tamarind engineer").With("country", "MX")
            .With("timeZone", "America/Mexico_City");
        Assert.Equal(2, (await ImportAsync(staff, brazil, mexico)).GetProperty("inserted").GetInt32());
        Assert.Equal(1, await NewCountAsync(staff, id));

        // Listing changes nothing; marking seen as of the listing clears it.
        var news = await ApiAssert.JsonAsync(await staff.GetAsync($"/api/v1/saved-searches/{id}/new"), HttpStatusCode.OK);
        Assert.Equal(1, news.GetProperty("total").GetInt32());
        var brazilId = news.GetProperty("items")[0].GetProperty("id").GetGuid();
        ApiAssert.IsUtcInstant(news.GetProperty("asOf"));
        Assert.Equal(1, await NewCountAsync(staff, id));
        var seen = await ApiAssert.JsonAsync(await staff.PostAsJsonAsync($"/api/v1/saved-searches/{id}/seen", new { asOf = news.GetProperty("asOf").GetString() }), HttpStatusCode.OK);
        Assert.Equal(0, seen.GetProperty("newCount").GetInt32());

        // Re-importing the same rows changes no field, so nobody is new; a changed row is.
        Assert.Equal(2, (await ImportAsync(staff, brazil, mexico)).GetProperty("unchanged").GetInt32());
        Assert.Equal(0, await NewCountAsync(staff, id));
        Assert.Equal(1, (await ImportAsync(staff, brazil.With("headline", "Tamarind lead engineer"), mexico)).GetProperty("updated").GetInt32());
        Assert.Equal(1, await NewCountAsync(staff, id));

        // A create through the API, then an update that takes it out of the search, then a delete.
        var body = Samples.Professional();
        body["headline"] = "Tamarind architect";
        var other = (await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/professionals", body), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(2, await NewCountAsync(staff, id));
        body["country"] = "AR";
        body["timeZone"] = "America/Argentina/Buenos_Aires";
        (await staff.PutAsJsonAsync($"/api/v1/professionals/{other}", body)).EnsureSuccessStatusCode();
        Assert.Equal(1, await NewCountAsync(staff, id));
        (await staff.DeleteAsync($"/api/v1/professionals/{brazilId}")).EnsureSuccessStatusCode();
        Assert.Equal(0, await NewCountAsync(staff, id));

        var list = await ApiAssert.JsonAsync(await staff.GetAsync("/api/v1/saved-searches"), HttpStatusCode.OK);
        Assert.Contains(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id && s.GetProperty("newCount").GetInt32() == 0);
    }

    [Fact]
    public async Task The_new_list_pages_most_recently_changed_first_and_only_matches()
    {
        using var staff = await app.RecruiterAsync();
        var id = (await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/saved-searches",
            new { name = "Quince without Java", query = "q=quince%20-java" }), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var ids = new List<Guid>();
        foreach (var headline in new[] { "Quince one", "Quince two java", "Quince three" })
        {
            var body = Samples.Professional();
            body["headline"] = headline;
            ids.Add((await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/professionals", body), HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        var page = await ApiAssert.JsonAsync(await staff.GetAsync($"/api/v1/saved-searches/{id}/new?limit=1&offset=1"), HttpStatusCode.OK);
        Assert.Equal(2, page.GetProperty("total").GetInt32());
        Assert.Equal(ids[0], page.GetProperty("items")[0].GetProperty("id").GetGuid());
        await ApiAssert.ValidationProblemAsync(await staff.GetAsync($"/api/v1/saved-searches/{id}/new?limit=500"), "limit");
    }

    [Fact]
    public async Task Another_recruiters_saved_search_does_not_exist_for_you()
    {
        using var owner = await app.RecruiterAsync();
        var id = (await ApiAssert.JsonAsync(await owner.PostAsJsonAsync("/api/v1/saved-searches", new { name = "Mine", query = "country=BR" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        using var admin = await app.AdminAsync();
        var email = $"second.{Guid.NewGuid():N}@tests.nearshorehub.local";
        (await admin.PostAsJsonAsync("/api/v1/users", new { email, password = "Second-Recruiter-Pass-1", displayName = "Second", role = "Recruiter" })).EnsureSuccessStatusCode();
        using var other = await app.SignedInAsync(email, "Second-Recruiter-Pass-1");

        await ApiAssert.ProblemAsync(await other.GetAsync($"/api/v1/saved-searches/{id}"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await other.GetAsync($"/api/v1/saved-searches/{id}/new"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await other.PostAsJsonAsync($"/api/v1/saved-searches/{id}/seen", new { asOf = DateTimeOffset.UtcNow }), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await other.DeleteAsync($"/api/v1/saved-searches/{id}"), HttpStatusCode.NotFound);
        var list = await ApiAssert.JsonAsync(await other.GetAsync("/api/v1/saved-searches"), HttpStatusCode.OK);
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);
        Assert.Equal(1, await app.CountAsync("saved_searches", $"id = '{id}'"));
    }

    [Theory]
    [InlineData("q=x&skills=cobolx", "query.skills")]
    [InlineData("q=x&colour=blue", "query.colour")]
    [InlineData("minEnglish=Z9", "query.minEnglish")]
    [InlineData("notCountry=ZZ", "query.notCountry")]
    [InlineData("excludeShortlistedFor=6f9619ff-8b86-d011-b42d-00c04fc964ff", "query.excludeShortlistedFor")]
    public async Task A_query_that_does_not_parse_is_refused_by_its_parameter_and_nothing_is_saved(string query, string field)
    {
        using var staff = await app.RecruiterAsync();
        var before = await app.CountAsync("saved_searches");
        await ApiAssert.ValidationProblemAsync(await staff.PostAsJsonAsync("/api/v1/saved-searches", new { name = "Broken", query }), field);
        Assert.Equal(before, await app.CountAsync("saved_searches"));
    }

    [Fact]
    public async Task Seen_needs_an_instant_that_is_not_in_the_future()
    {
        using var staff = await app.RecruiterAsync();
        var id = (await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/saved-searches", new { name = "Seen", query = "" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        await ApiAssert.ValidationProblemAsync(await staff.PostAsJsonAsync($"/api/v1/saved-searches/{id}/seen", new { }), "asOf");
        await ApiAssert.ValidationProblemAsync(await staff.PostAsJsonAsync($"/api/v1/saved-searches/{id}/seen", new { asOf = DateTimeOffset.UtcNow.AddDays(1) }), "asOf");
    }
}
