using System.Net;
using System.Net.Http.Json;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>The free text finds skill holders as it finds names: accents and the spacing between words do not matter.</summary>
public sealed class FreeTextSkillSearchTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Free_text_finds_skill_holders_whatever_accents_are_typed_or_in_the_skill_name()
    {
        using var admin = await app.AdminAsync();
        await ApiAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/skills", new { name = "Diseñoweb", category = "tool" }), HttpStatusCode.Created);
        async Task<Guid> Add(string email, object[] skills)
        {
            var body = Samples.Professional(email);
            // Nothing but the skill itself may carry the searched word.
            body["fullName"] = "Ana Pérez";
            body["headline"] = "Engineer";
            body["city"] = "Rosario";
            body["skills"] = skills;
            var created = await ApiAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/professionals", body), HttpStatusCode.Created);
            return created.GetProperty("id").GetGuid();
        }

        var postgres = await Add("pg@accent-skill.example", [new { skill = "PostgreSQL", level = 4, years = 3 }]);
        var design = await Add("design@accent-skill.example", [new { skill = "Diseñoweb", level = 3, years = 2 }]);

        async Task<Guid[]> Found(string q)
        {
            var page = await ApiAssert.JsonAsync(await admin.GetAsync("/api/v1/professionals?limit=200&q=" + Uri.EscapeDataString(q)), HttpStatusCode.OK);
            return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).Where(id => id == postgres || id == design).ToArray();
        }

        Assert.Equal([postgres], await Found("postgres"));
        Assert.Equal([postgres], await Found("PÓSTGRES"));
        Assert.Equal([postgres], await Found("po\u0301stgres"));
        Assert.Equal([design], await Found("Diseñoweb"));
        Assert.Equal([design], await Found("disenoweb"));
        Assert.Equal([design], await Found("DISEÑOWEB"));
    }

    [Fact]
    public async Task A_multi_word_skill_is_found_whatever_whitespace_separates_its_words()
    {
        using var admin = await app.AdminAsync();
        var body = Samples.Professional("boot@phrase-skill.example");
        body["fullName"] = "Ana Pérez";
        body["headline"] = "Engineer";
        body["city"] = "Rosario";
        body["skills"] = new object[] { new { skill = "Spring Boot", level = 4, years = 3 } };
        var id = (await ApiAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/professionals", body), HttpStatusCode.Created)).GetProperty("id").GetGuid();

        foreach (var q in new[] { "spring boot", "spring  boot", "Spring\u00a0Boot", " spring\u2003boot " })
        {
            var page = await ApiAssert.JsonAsync(await admin.GetAsync("/api/v1/professionals?limit=200&q=" + Uri.EscapeDataString(q)), HttpStatusCode.OK);
            Assert.True(page.GetProperty("items").EnumerateArray().Any(i => i.GetProperty("id").GetGuid() == id), $"q={q} did not find the Spring Boot holder.");
        }
    }
}
