using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Api;

public sealed class CompanyProjectJourneyTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Company_posts_a_project_with_its_key_and_reads_it_back_with_canonical_skill_names()
    {
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync();
        using var company = app.WithApiKey(key);

        var project = Samples.Project();
        project["skills"] = new object[] { new { skill = "js", minLevel = 3, required = true }, new { skill = "GOLANG", minLevel = 2, required = false, weight = 2 } };
        var created = await company.PostAsJsonAsync("/api/v1/projects", project);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();

        var read = await company.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal(companyId, read.GetProperty("companyId").GetGuid());
        Assert.Equal(body.GetProperty("id").GetGuid(), read.GetProperty("id").GetGuid());
        Assert.Equal(["JavaScript", "Go"], read.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("skill").GetString()));
    }

    [Fact]
    public async Task Another_companys_project_is_not_found()
    {
        var (_, keyA, _) = await app.CreateCompanyWithKeyAsync("Company A");
        var (_, keyB, _) = await app.CreateCompanyWithKeyAsync("Company B");
        using var a = app.WithApiKey(keyA);
        using var b = app.WithApiKey(keyB);
        var created = await a.PostAsJsonAsync("/api/v1/projects", Samples.Project());
        created.EnsureSuccessStatusCode();

        var response = await b.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
