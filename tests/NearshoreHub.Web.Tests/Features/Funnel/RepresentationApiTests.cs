using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Funnel;

/// <summary>The representation funnel (product spec §13): cumulative stages from the ranking and the shortlist.</summary>
public sealed class RepresentationApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Stages_count_the_pool_the_top_and_the_shortlist_by_status()
    {
        using var staff = await app.RecruiterAsync();
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Funnel Co");
        var project = (await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/projects", Samples.Project(companyId)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var people = new List<Guid>();
        foreach (var (population, rural) in new[] { (2_000_000, false), (20_000, false), (300_000, true), (50_000, true) })
        {
            var body = Samples.Professional();
            body["cityPopulation"] = population;
            body["isRural"] = rural;
            people.Add((await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/professionals", body), HttpStatusCode.Created)).GetProperty("id").GetGuid());
        }

        var statuses = new[] { "Proposed", "Interviewing", "Hired", "Rejected" };
        await app.QueryAsync("INSERT INTO shortlist_entries (project_id, professional_id, status, notes, added_by, added_at, updated_at) VALUES "
            + string.Join(", ", people.Select((p, i) => $"('{project}', '{p}', '{statuses[i]}', '', 'tests', now(), now())")));

        var funnel = await ApiAssert.JsonAsync(await staff.GetAsync($"/api/v1/projects/{project}/representation?top=2"), HttpStatusCode.OK);
        var stages = funnel.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("stage").GetString()!);
        Assert.Equal(["eligible", "top", "shortlisted", "interviewing", "hired"], stages.Keys);
        Assert.True(stages["eligible"].GetProperty("total").GetInt32() >= 4);
        Assert.Equal(2, stages["top"].GetProperty("total").GetInt32());
        // Shortlisted: all but the rejected; interviewing: interviewing or hired; hired: hired.
        Assert.Equal(3, stages["shortlisted"].GetProperty("total").GetInt32());
        Assert.Equal(2, stages["interviewing"].GetProperty("total").GetInt32());
        Assert.Equal(1, stages["hired"].GetProperty("total").GetInt32());
        Assert.Equal(2, Count(stages["shortlisted"].GetProperty("townOrRural")));
        Assert.Equal(1, Share(stages["shortlisted"], "byCitySize", "metro"));
        Assert.Equal(1, Share(stages["shortlisted"], "byCitySize", "town"));
        Assert.Equal(1, Share(stages["shortlisted"], "byCitySize", "city"));
        Assert.Equal(1, Share(stages["hired"], "byRurality", "rural"));
        Assert.Equal(1.0, stages["hired"].GetProperty("townOrRural").GetProperty("share").GetDouble());

        static int Count(JsonElement share) => share.GetProperty("count").GetInt32();
        static int Share(JsonElement stage, string dimension, string key) =>
            stage.GetProperty(dimension).EnumerateArray().Single(r => r.GetProperty("key").GetString() == key).GetProperty("count").GetInt32();
    }

    [Fact]
    public async Task Top_is_bounded_and_an_unknown_project_is_404()
    {
        using var staff = await app.RecruiterAsync();
        await ApiAssert.ProblemAsync(await staff.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/representation"), HttpStatusCode.NotFound);
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Bounds Co");
        var project = (await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/projects", Samples.Project(companyId)), HttpStatusCode.Created)).GetProperty("id").GetGuid();
        await ApiAssert.ValidationProblemAsync(await staff.GetAsync($"/api/v1/projects/{project}/representation?top=0"), "top");
        await ApiAssert.ValidationProblemAsync(await staff.GetAsync($"/api/v1/projects/{project}/representation?top=201"), "top");
        var funnel = await ApiAssert.JsonAsync(await staff.GetAsync($"/api/v1/projects/{project}/representation"), HttpStatusCode.OK);
        Assert.Equal(20, funnel.GetProperty("top").GetInt32());
    }
}
