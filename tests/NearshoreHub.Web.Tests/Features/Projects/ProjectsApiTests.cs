using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Api;

public sealed class ProjectsApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private const string Url = "/api/v1/projects";

    [Fact]
    public async Task Staff_post_a_project_for_a_named_company_and_read_it_in_the_documented_shape()
    {
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Shape Co");
        using var recruiter = await app.RecruiterAsync();

        var created = await recruiter.PostAsJsonAsync(Url, Samples.Project(companyId));
        var dto = await ApiAssert.JsonAsync(created, HttpStatusCode.Created);
        var id = dto.GetProperty("id").GetGuid();
        Assert.NotNull(created.Headers.ETag);

        var read = await recruiter.GetAsync($"{Url}/{id}");
        var json = await ApiAssert.JsonAsync(read, HttpStatusCode.OK);
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
        Assert.Equal(companyId, json.GetProperty("companyId").GetGuid());
        Assert.Equal("09:00", json.GetProperty("coreHours").GetProperty("start").GetString());
        Assert.Equal("17:00", json.GetProperty("coreHours").GetProperty("end").GetString());
        Assert.Equal("2027-03-01", json.GetProperty("startDate").GetString());
        Assert.Equal(12, json.GetProperty("durationWeeks").GetInt32());
        Assert.Equal("B2", json.GetProperty("minEnglishLevel").GetString());
        Assert.Equal("open", json.GetProperty("status").GetString());
        Assert.Equal(30, json.GetProperty("hourlyBudgetUsd").GetProperty("min").GetDecimal());
        ApiAssert.IsUtcInstant(json.GetProperty("createdAt"));
        var skills = json.GetProperty("skills").EnumerateArray().ToList();
        Assert.Equal(["C#", "PostgreSQL"], skills.Select(s => s.GetProperty("skill").GetString()));
        Assert.Equal(2, skills[0].GetProperty("weight").GetDouble());
        Assert.Equal(1, skills[1].GetProperty("weight").GetDouble());
    }

    [Fact]
    public async Task Staff_must_name_an_existing_company()
    {
        using var admin = await app.AdminAsync();
        var before = await app.CountAsync("projects");
        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync(Url, Samples.Project()), "companyId");
        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync(Url, Samples.Project(Guid.NewGuid())), "companyId");
        Assert.Equal(before, await app.CountAsync("projects"));
    }

    [Fact]
    public async Task A_company_reads_updates_and_deletes_its_own_project_but_gets_404_for_another_companys()
    {
        var (_, keyA, _) = await app.CreateCompanyWithKeyAsync("Tenant A");
        var (_, keyB, _) = await app.CreateCompanyWithKeyAsync("Tenant B");
        using var a = app.WithApiKey(keyA);
        using var b = app.WithApiKey(keyB);
        var created = await a.PostAsJsonAsync(Url, Samples.Project());
        var id = (await ApiAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var edit = Samples.Project();
        edit["title"] = "Hijacked";

        await ApiAssert.ProblemAsync(await b.GetAsync($"{Url}/{id}"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await b.PutAsJsonAsync($"{Url}/{id}", edit), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await b.DeleteAsync($"{Url}/{id}"), HttpStatusCode.NotFound);
        var listB = await b.GetFromJsonAsync<JsonElement>(Url);
        Assert.DoesNotContain(listB.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == id);

        var own = await a.GetFromJsonAsync<JsonElement>($"{Url}/{id}");
        Assert.Equal("Payments platform", own.GetProperty("title").GetString());
        edit["title"] = "Payments platform v2";
        var updated = await ApiAssert.JsonAsync(await a.PutAsJsonAsync($"{Url}/{id}", edit), HttpStatusCode.OK);
        Assert.Equal("Payments platform v2", updated.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync($"{Url}/{id}")).StatusCode);
        Assert.Equal(0, await app.CountAsync("projects", $"id = '{id}'"));
    }

    [Fact]
    public async Task A_company_cannot_post_a_project_for_another_company()
    {
        var (_, keyA, _) = await app.CreateCompanyWithKeyAsync("Poster A");
        var (companyB, _, _) = await app.CreateCompanyWithKeyAsync("Victim B");
        using var a = app.WithApiKey(keyA);
        var before = await app.CountAsync("projects");

        var response = await a.PostAsJsonAsync(Url, Samples.Project(companyB));
        var unknown = await a.PostAsJsonAsync(Url, Samples.Project(Guid.NewGuid()));

        // The same answer for an existing and a made-up company, so nothing about other tenants leaks.
        var messages = await ApiAssert.ValidationProblemAsync(response, "companyId");
        Assert.Equal(messages, await ApiAssert.ValidationProblemAsync(unknown, "companyId"));
        Assert.Equal(before, await app.CountAsync("projects"));
        Assert.Equal(0, await app.CountAsync("projects", $"company_id = '{companyB}'"));
    }

    [Fact]
    public async Task A_company_cannot_move_its_project_to_another_company()
    {
        var (_, keyA, _) = await app.CreateCompanyWithKeyAsync("Mover A");
        var (companyB, _, _) = await app.CreateCompanyWithKeyAsync("Mover B");
        using var a = app.WithApiKey(keyA);
        var id = (await (await a.PostAsJsonAsync(Url, Samples.Project())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        await ApiAssert.ValidationProblemAsync(await a.PutAsJsonAsync($"{Url}/{id}", Samples.Project(companyB)), "companyId");

        Assert.Equal(0, await app.CountAsync("projects", $"company_id = '{companyB}'"));
    }

    [Fact]
    public async Task Unknown_project_ids_are_404()
    {
        using var admin = await app.AdminAsync();
        var id = Guid.NewGuid();
        await ApiAssert.ProblemAsync(await admin.GetAsync($"{Url}/{id}"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await admin.PutAsJsonAsync($"{Url}/{id}", Samples.Project()), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await admin.DeleteAsync($"{Url}/{id}"), HttpStatusCode.NotFound);
    }

    public static TheoryData<string, object?, string, string?> InvalidFields() => new()
    {
        { "timeZone", "America/Gotham", "timeZone", null },
        { "coreHours", new { start = "17:00", end = "09:00" }, "coreHours.start", null },
        { "coreHours", new { start = "09:00", end = "09:00" }, "coreHours.start", null },
        { "coreHours", new { start = "9am", end = "17:00" }, "coreHours.start", null },
        { "skills", new object[] { new { skill = "Reactt", minLevel = 3, required = true } }, "skills[0].skill", "React" },
        { "skills", new object[] { new { skill = "typescrpt", minLevel = 3, required = true } }, "skills[0].skill", "TypeScript" },
        { "skills", new object[] { new { skill = "C#", minLevel = 0, required = true } }, "skills[0].minLevel", null },
        { "skills", new object[] { new { skill = "C#", minLevel = 6, required = true } }, "skills[0].minLevel", null },
        { "skills", new object[] { new { skill = "C#", minLevel = 3, required = true, weight = 0 } }, "skills[0].weight", null },
        { "skills", new object[] { new { skill = "C#", minLevel = 3, required = true, weight = -1 } }, "skills[0].weight", null },
        { "skills", new object[] { new { skill = "golang", minLevel = 3, required = true }, new { skill = "Go", minLevel = 2, required = false } }, "skills", null },
        { "skills", new object[] { new { skill = "C#", minLevel = "three", required = true } }, "skills[0].minLevel", null },
        { "skills", Array.Empty<object>(), "skills", null },
        { "skills", null, "skills", null },
        { "hourlyBudgetUsd", new { min = -5, max = 60 }, "hourlyBudgetUsd.min", null },
        { "hourlyBudgetUsd", new { min = 10, max = -1 }, "hourlyBudgetUsd.max", null },
        { "hourlyBudgetUsd", new { min = 80, max = 60 }, "hourlyBudgetUsd.max", null },
        { "hourlyBudgetUsd", new { min = 10, max = "sixty" }, "hourlyBudgetUsd.max", null },
        { "durationWeeks", 0, "durationWeeks", null },
        { "durationWeeks", 105, "durationWeeks", null },
        { "durationWeeks", "twelve", "durationWeeks", null },
        { "minOverlapHours", -1, "minOverlapHours", null },
        { "minOverlapHours", 9, "minOverlapHours", null },
        { "minEnglishLevel", "D1", "minEnglishLevel", null },
        { "startDate", "2027-13-01", "startDate", null },
        { "headcount", 0, "headcount", null },
        { "title", "  ", "title", null },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Each_invalid_field_is_a_400_keyed_by_its_path_and_writes_nothing(string field, object? value, string path, string? suggestion)
    {
        var (companyId, key, _) = await CompanyAsync();
        using var company = app.WithApiKey(key);
        using var admin = await app.AdminAsync();
        var body = Samples.Project();
        body[field] = value;
        var staffBody = new Dictionary<string, object?>(body) { ["companyId"] = companyId };
        var before = await app.CountAsync("projects");
        var skillsBefore = await app.CountAsync("project_skills");

        var messages = await ApiAssert.ValidationProblemAsync(await company.PostAsJsonAsync(Url, body), path);
        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync(Url, staffBody), path);

        if (suggestion is not null)
        {
            Assert.Contains(messages, m => m.Contains(suggestion, StringComparison.Ordinal));
        }

        Assert.Equal(before, await app.CountAsync("projects"));
        Assert.Equal(skillsBefore, await app.CountAsync("project_skills"));
    }

    [Fact]
    public async Task Twenty_skills_are_accepted_and_twenty_one_are_400()
    {
        var (_, key, _) = await CompanyAsync();
        using var company = app.WithApiKey(key);
        var names = new[]
        {
            "C#", "Java", "Python", "Go", "Rust", "Kotlin", "Swift", "Ruby", "PHP", "Scala",
            "TypeScript", "JavaScript", "React", "PostgreSQL", "Docker", "Kubernetes", "Elixir", "Haskell", "Dart", "Perl", "Lua",
        };
        var body = Samples.Project();
        body["skills"] = names.Take(20).Select(n => new { skill = n, minLevel = 2, required = false }).ToArray();
        await ApiAssert.JsonAsync(await company.PostAsJsonAsync(Url, body), HttpStatusCode.Created);

        body["skills"] = names.Select(n => new { skill = n, minLevel = 2, required = false }).ToArray();
        var before = await app.CountAsync("projects");
        await ApiAssert.ValidationProblemAsync(await company.PostAsJsonAsync(Url, body), "skills");
        Assert.Equal(before, await app.CountAsync("projects"));
    }

    [Fact]
    public async Task Invalid_update_is_400_and_changes_nothing()
    {
        var (_, key, _) = await CompanyAsync();
        using var company = app.WithApiKey(key);
        var id = (await (await company.PostAsJsonAsync(Url, Samples.Project())).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var body = Samples.Project();
        body["title"] = "Changed";
        body["skills"] = new object[] { new { skill = "Go", minLevel = 3, required = true }, new { skill = "notaskill", minLevel = 3, required = true } };

        await ApiAssert.ValidationProblemAsync(await company.PutAsJsonAsync($"{Url}/{id}", body), "skills[1].skill");

        var read = await company.GetFromJsonAsync<JsonElement>($"{Url}/{id}");
        Assert.Equal("Payments platform", read.GetProperty("title").GetString());
        Assert.Equal(["C#", "PostgreSQL"], read.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("skill").GetString()));
    }

    [Fact]
    public async Task Etags_guard_updates_and_deletes_and_concurrent_writers_get_one_412()
    {
        var (_, key, _) = await CompanyAsync();
        using var company = app.WithApiKey(key);
        var created = await company.PostAsJsonAsync(Url, Samples.Project());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var etag = created.Headers.ETag!.ToString();

        var responses = await Task.WhenAll(new[] { "Title A", "Title B" }.Select(title =>
        {
            var body = Samples.Project();
            body["title"] = title;
            return ApiAssert.PutJsonAsync(company, $"{Url}/{id}", body, etag);
        }));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
        await ApiAssert.ProblemAsync(responses.Single(r => r.StatusCode == HttpStatusCode.PreconditionFailed), HttpStatusCode.PreconditionFailed);

        var stale = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}");
        stale.Headers.TryAddWithoutValidation("If-Match", etag);
        await ApiAssert.ProblemAsync(await company.SendAsync(stale), HttpStatusCode.PreconditionFailed);

        var current = (await company.GetAsync($"{Url}/{id}")).Headers.ETag!.ToString();
        Assert.Equal(responses.Single(r => r.StatusCode == HttpStatusCode.OK).Headers.ETag!.ToString(), current);
        var delete = new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}");
        delete.Headers.TryAddWithoutValidation("If-Match", current);
        Assert.Equal(HttpStatusCode.NoContent, (await company.SendAsync(delete)).StatusCode);
    }

    [Fact]
    public async Task Idempotent_project_posts_replay_reject_another_body_and_keep_one_row_under_concurrency()
    {
        var (companyId, key, _) = await CompanyAsync();
        using var company = app.WithApiKey(key);
        var idempotencyKey = Guid.NewGuid().ToString();
        var body = Samples.Project();
        body["title"] = "Idempotent " + idempotencyKey;

        var first = await ApiAssert.PostJsonAsync(company, Url, body, idempotencyKey);
        var replay = await ApiAssert.PostJsonAsync(company, Url, body, idempotencyKey);
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        body["title"] = "Something else";
        await ApiAssert.ProblemAsync(await ApiAssert.PostJsonAsync(company, Url, body, idempotencyKey), (HttpStatusCode)422);
        Assert.Equal(1, await app.CountAsync("projects", $"company_id = '{companyId}' AND title LIKE 'Idempotent%'"));

        var concurrentKey = Guid.NewGuid().ToString();
        body["title"] = "Concurrent " + concurrentKey;
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ApiAssert.PostJsonAsync(company, Url, body, concurrentKey)));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await app.CountAsync("projects", $"title = 'Concurrent {concurrentKey}'"));
    }

    [Fact]
    public async Task Lists_are_paged_with_items_and_total_and_reject_bad_paging()
    {
        var (_, key, _) = await CompanyAsync();
        using var company = app.WithApiKey(key);
        for (var i = 0; i < 3; i++)
        {
            (await company.PostAsJsonAsync(Url, Samples.Project())).EnsureSuccessStatusCode();
        }

        var page = await ApiAssert.JsonAsync(await company.GetAsync($"{Url}?limit=2&offset=1"), HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());

        await ApiAssert.ValidationProblemAsync(await company.GetAsync($"{Url}?limit=201"), "limit");
        await ApiAssert.ValidationProblemAsync(await company.GetAsync($"{Url}?limit=0"), "limit");
        await ApiAssert.ValidationProblemAsync(await company.GetAsync($"{Url}?offset=-1"), "offset");
        await ApiAssert.ValidationProblemAsync(await company.GetAsync($"{Url}?limit=abc"), "limit");
        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync($"{Url}?limit=200")).StatusCode);
    }

    private int _companies;

    private Task<(Guid CompanyId, string Key, Guid KeyId)> CompanyAsync() =>
        app.CreateCompanyWithKeyAsync($"Company {Interlocked.Increment(ref _companies)} {Guid.NewGuid():N}");
}
