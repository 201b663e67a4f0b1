using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Api;

public sealed class ProfessionalsApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private const string Url = "/api/v1/professionals";

    [Fact]
    public async Task Recruiter_creates_reads_updates_and_deletes_a_professional_in_the_documented_shape()
    {
        using var recruiter = await app.RecruiterAsync();
        var body = Samples.Professional();
        body["skills"] = new object[] { new { skill = "JS", level = 4, years = 5 }, new { skill = "golang", level = 3, years = 2 }, new { skill = "postgres", level = 5, years = 7 } };

        var created = await recruiter.PostAsJsonAsync(Url, body);
        var dto = await ApiAssert.JsonAsync(created, HttpStatusCode.Created);
        Assert.NotNull(created.Headers.ETag);
        var id = dto.GetProperty("id").GetGuid();
        Assert.Equal($"{Url}/{id}", created.Headers.Location?.OriginalString);

        var read = await recruiter.GetAsync($"{Url}/{id}");
        var json = await ApiAssert.JsonAsync(read, HttpStatusCode.OK);
        Assert.Equal(created.Headers.ETag, read.Headers.ETag);
        Assert.Equal("Ana Souza", json.GetProperty("fullName").GetString());
        Assert.Equal("BR", json.GetProperty("country").GetString());
        Assert.Equal("city", json.GetProperty("citySize").GetString());
        Assert.Equal("America/Recife", json.GetProperty("timeZone").GetString());
        Assert.Equal("09:00", json.GetProperty("workingHours").GetProperty("start").GetString());
        Assert.Equal("18:00", json.GetProperty("workingHours").GetProperty("end").GetString());
        Assert.Equal(["Mon", "Tue", "Wed", "Thu", "Fri"], json.GetProperty("workingDays").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("2027-01-04", json.GetProperty("availableFrom").GetString());
        Assert.Equal("C1", json.GetProperty("englishLevel").GetString());
        Assert.Equal("senior", json.GetProperty("seniority").GetString());
        Assert.Equal("active", json.GetProperty("status").GetString());
        Assert.Equal(45.5m, json.GetProperty("hourlyRateUsd").GetDecimal());
        ApiAssert.IsUtcInstant(json.GetProperty("createdAt"));
        ApiAssert.IsUtcInstant(json.GetProperty("updatedAt"));
        Assert.Equal(["Go", "JavaScript", "PostgreSQL"], json.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("skill").GetString()).Order(StringComparer.Ordinal));

        body["headline"] = "Staff engineer";
        var updated = await ApiAssert.PutJsonAsync(recruiter, $"{Url}/{id}", body, read.Headers.ETag!.ToString());
        var updatedJson = await ApiAssert.JsonAsync(updated, HttpStatusCode.OK);
        Assert.Equal("Staff engineer", updatedJson.GetProperty("headline").GetString());
        Assert.NotEqual(read.Headers.ETag, updated.Headers.ETag);

        var deleted = await recruiter.DeleteAsync($"{Url}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await ApiAssert.ProblemAsync(await recruiter.GetAsync($"{Url}/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_ids_are_404_problems_for_read_update_and_delete()
    {
        using var admin = await app.AdminAsync();
        var id = Guid.NewGuid();
        await ApiAssert.ProblemAsync(await admin.GetAsync($"{Url}/{id}"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await admin.PutAsJsonAsync($"{Url}/{id}", Samples.Professional()), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await admin.DeleteAsync($"{Url}/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Duplicate_email_is_409_whatever_its_case_and_writes_nothing()
    {
        using var admin = await app.AdminAsync();
        var email = $"dup.{Guid.NewGuid():N}@example.com";
        (await admin.PostAsJsonAsync(Url, Samples.Professional(email))).EnsureSuccessStatusCode();
        var before = await app.CountAsync("professionals");

        var problem = await ApiAssert.ProblemAsync(await admin.PostAsJsonAsync(Url, Samples.Professional(email.ToUpperInvariant())), HttpStatusCode.Conflict);

        // One title for every conflict (RFC 9457: the title names the problem type); what clashed is in the detail.
        Assert.Equal("The request conflicts with the current data.", problem.GetProperty("title").GetString());
        Assert.Equal("A professional with this email already exists.", problem.GetProperty("detail").GetString());
        Assert.Equal(before, await app.CountAsync("professionals"));
    }

    [Fact]
    public async Task Update_to_another_professionals_email_is_409()
    {
        using var admin = await app.AdminAsync();
        var taken = $"taken.{Guid.NewGuid():N}@example.com";
        (await admin.PostAsJsonAsync(Url, Samples.Professional(taken))).EnsureSuccessStatusCode();
        var other = await (await admin.PostAsJsonAsync(Url, Samples.Professional())).Content.ReadFromJsonAsync<JsonElement>();

        var response = await admin.PutAsJsonAsync($"{Url}/{other.GetProperty("id").GetGuid()}", Samples.Professional(taken));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.Conflict);
    }

    public static TheoryData<string, object?, string, string?> InvalidFields() => new()
    {
        { "timeZone", "Mars/Olympus_Mons", "timeZone", null },
        { "timeZone", "UTC+3", "timeZone", null },
        { "workingHours", new { start = "18:00", end = "09:00" }, "workingHours.start", null },
        { "workingHours", new { start = "09:00", end = "09:00" }, "workingHours.start", null },
        { "workingHours", new { start = "25:00", end = "09:00" }, "workingHours.start", null },
        { "skills", new object[] { new { skill = "javscript", level = 3, years = 2 } }, "skills[0].skill", "JavaScript" },
        { "skills", new object[] { new { skill = "C#", level = 3, years = 2 }, new { skill = "Kotlinn", level = 3, years = 2 } }, "skills[1].skill", "Kotlin" },
        { "skills", new object[] { new { skill = "C#", level = 6, years = 2 } }, "skills[0].level", null },
        { "skills", new object[] { new { skill = "C#", level = 0, years = 2 } }, "skills[0].level", null },
        { "skills", new object[] { new { skill = "C#", level = 3, years = -1 } }, "skills[0].years", null },
        { "skills", new object[] { new { skill = "js", level = 3, years = 2 }, new { skill = "JavaScript", level = 4, years = 2 } }, "skills", null },
        { "skills", new object[] { new { skill = "C#", level = "expert", years = 2 } }, "skills[0].level", null },
        { "skills", null, "skills", null },
        { "country", "XX", "country", null },
        { "country", "BRA", "country", null },
        { "email", "not-an-email", "email", null },
        { "email", "ana@", "email", null },
        { "hourlyRateUsd", -1, "hourlyRateUsd", null },
        { "hourlyRateUsd", "forty", "hourlyRateUsd", null },
        { "cityPopulation", "many", "cityPopulation", null },
        { "cityPopulation", -5, "cityPopulation", null },
        { "availableFrom", "04/01/2027", "availableFrom", null },
        { "englishLevel", "Z9", "englishLevel", null },
        { "seniority", "wizard", "seniority", null },
        { "seniority", "mid, senior", "seniority", null },
        { "englishLevel", "A1,A2", "englishLevel", null },
        { "status", "active,placed", "status", null },
        { "hoursPerWeek", 0, "hoursPerWeek", null },
        { "fullName", "", "fullName", null },
        { "workingDays", new[] { "Mon", "Funday" }, "workingDays[1]", null },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task Each_invalid_field_is_a_400_keyed_by_its_path_and_writes_nothing(string field, object? value, string path, string? suggestion)
    {
        using var recruiter = await app.RecruiterAsync();
        var body = Samples.Professional();
        body[field] = value;
        var before = await app.CountAsync("professionals");
        var skillsBefore = await app.CountAsync("professional_skills");

        var messages = await ApiAssert.ValidationProblemAsync(await recruiter.PostAsJsonAsync(Url, body), path);

        if (suggestion is not null)
        {
            Assert.Contains(messages, m => m.Contains(suggestion, StringComparison.Ordinal));
        }

        Assert.Equal(before, await app.CountAsync("professionals"));
        Assert.Equal(skillsBefore, await app.CountAsync("professional_skills"));
    }

    [Fact]
    public async Task Invalid_update_is_400_and_leaves_the_row_as_it_was()
    {
        using var admin = await app.AdminAsync();
        var body = Samples.Professional();
        var created = await (await admin.PostAsJsonAsync(Url, body)).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        body["timeZone"] = "Nowhere/Land";
        body["headline"] = "Changed";

        await ApiAssert.ValidationProblemAsync(await admin.PutAsJsonAsync($"{Url}/{id}", body), "timeZone");

        var read = await admin.GetFromJsonAsync<JsonElement>($"{Url}/{id}");
        Assert.Equal("Senior backend engineer", read.GetProperty("headline").GetString());
    }

    [Fact]
    public async Task Stale_if_match_is_412_and_the_current_one_succeeds()
    {
        using var admin = await app.AdminAsync();
        var body = Samples.Professional();
        var created = await admin.PostAsJsonAsync(Url, body);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var original = created.Headers.ETag!.ToString();
        body["headline"] = "First edit";
        var first = await ApiAssert.PutJsonAsync(admin, $"{Url}/{id}", body, original);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        body["headline"] = "Second edit on a stale copy";
        await ApiAssert.ProblemAsync(await ApiAssert.PutJsonAsync(admin, $"{Url}/{id}", body, original), HttpStatusCode.PreconditionFailed);
        await ApiAssert.ProblemAsync(await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, $"{Url}/{id}") { Headers = { { "If-Match", original } } }), HttpStatusCode.PreconditionFailed);

        var read = await admin.GetAsync($"{Url}/{id}");
        Assert.Equal("First edit", (await read.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("headline").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ApiAssert.PutJsonAsync(admin, $"{Url}/{id}", body, read.Headers.ETag!.ToString())).StatusCode);
    }

    [Fact]
    public async Task Two_concurrent_updates_with_the_same_etag_give_one_200_and_one_412()
    {
        using var admin = await app.AdminAsync();
        var created = await admin.PostAsJsonAsync(Url, Samples.Professional());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var etag = created.Headers.ETag!.ToString();

        var responses = await Task.WhenAll(new[] { "Edit A", "Edit B" }.Select(headline =>
        {
            var body = Samples.Professional();
            body["headline"] = headline;
            return ApiAssert.PutJsonAsync(admin, $"{Url}/{id}", body, etag);
        }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], responses.Select(r => r.StatusCode).Order());
    }

    [Fact]
    public async Task Idempotency_key_replays_the_first_answer_and_rejects_another_body()
    {
        using var admin = await app.AdminAsync();
        var key = Guid.NewGuid().ToString();
        var body = Samples.Professional();

        var first = await ApiAssert.PostJsonAsync(admin, Url, body, key);
        var second = await ApiAssert.PostJsonAsync(admin, Url, body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(1, await app.CountAsync("professionals", $"email = '{body["email"]}'"));

        var other = Samples.Professional();
        await ApiAssert.ProblemAsync(await ApiAssert.PostJsonAsync(admin, Url, other, key), (HttpStatusCode)422);
        Assert.Equal(0, await app.CountAsync("professionals", $"email = '{other["email"]}'"));
    }

    [Fact]
    public async Task Concurrent_duplicates_with_one_idempotency_key_create_one_row()
    {
        using var admin = await app.AdminAsync();
        var key = Guid.NewGuid().ToString();
        var body = Samples.Professional();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => ApiAssert.PostJsonAsync(admin, Url, body, key)));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Equal(1, await app.CountAsync("professionals", $"email = '{body["email"]}'"));
    }
}
