using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Professionals;
using Npgsql;
using Xunit.Abstractions;

namespace NearshoreHub.Web.Tests.Security;

/// <summary>Single hostile requests that once broke something, kept as named cases beside the generated ones.</summary>
public sealed partial class HostileInputTests
{
    // Found by the generated run: the JSON binder's failed encoding lookup surfaced as a 500.
    [Fact]
    public async Task Json_body_with_an_unknown_charset_is_refused_with_415_problem_details()
    {
        using var admin = await app.AdminAsync();
        var before = await FingerprintAsync();

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/companies")
        {
            Content = new ByteArrayContent("{\"name\":\"Charset Co\",\"timeZone\":\"Europe/Berlin\"}"u8.ToArray()),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=bogus");
        using var response = await admin.SendAsync(request);

        await Api.ApiAssert.ProblemAsync(response, System.Net.HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Json_body_labelled_with_the_utf8_alias_is_read_as_utf8()
    {
        using var admin = await app.AdminAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/companies")
        {
            Content = new ByteArrayContent("{\"name\":\"Charset Alias Ço\",\"timeZone\":\"Europe/Berlin\"}"u8.ToArray()),
        };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=utf8");
        using var response = await admin.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Charset Alias Ço", (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("name").GetString());
    }

    // Found by the generated run: PostgreSQL text cannot hold U+0000, and its refusal surfaced as a 500.
    [Fact]
    public async Task A_nul_character_in_a_value_is_a_400_problem_not_a_500()
    {
        using var anonymous = app.Anonymous();
        var before = await FingerprintAsync();

        using var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "senior\u0000@example.com", password = "Wrong-password-1" });

        await Api.ApiAssert.ProblemAsync(login, System.Net.HttpStatusCode.BadRequest);
        Assert.Equal(before, await FingerprintAsync());
    }

    // Found by the generated run (seed 5680320524571364093): a null element in a skills list threw inside the
    // duplicate-skill rule (500) instead of being refused by the validator.
    [Fact]
    public async Task A_null_element_in_a_list_of_objects_is_a_400_keyed_by_its_index_not_a_500()
    {
        using var admin = await app.AdminAsync();
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Null Lists Inc");
        var professional = Samples.Professional();
        professional["skills"] = new object?[] { null };
        var project = Samples.Project(companyId);
        project["skills"] = new object?[] { new { skill = "csharp", minLevel = 3, required = true }, null };
        var skill = new { name = "Null Related Skill", category = "language", related = new object?[] { null } };
        var before = await FingerprintAsync();

        Assert.NotEmpty(await Api.ApiAssert.ValidationProblemAsync(await Api.ApiAssert.PostJsonAsync(admin, "/api/v1/professionals", professional, null), "skills[0]"));
        Assert.NotEmpty(await Api.ApiAssert.ValidationProblemAsync(await Api.ApiAssert.PostJsonAsync(admin, "/api/v1/projects", project, null), "skills[1]"));
        Assert.NotEmpty(await Api.ApiAssert.ValidationProblemAsync(await Api.ApiAssert.PostJsonAsync(admin, "/api/v1/skills", skill, null), "related[0]"));
        Assert.Equal(before, await FingerprintAsync());
    }

    // Found by the generated run: a refused POST with an Idempotency-Key left its idempotency record behind.
    [Fact]
    public async Task Refused_post_with_an_idempotency_key_keeps_no_record_and_the_key_works_once_the_request_is_fixed()
    {
        using var admin = await app.AdminAsync();
        var key = Guid.NewGuid().ToString();
        var body = Samples.Professional();
        var broken = Samples.Professional((string)body["email"]!);
        broken["hoursPerWeek"] = -5;
        var before = await FingerprintAsync();

        await Api.ApiAssert.ProblemAsync(await Api.ApiAssert.PostJsonAsync(admin, "/api/v1/professionals", broken, key), System.Net.HttpStatusCode.BadRequest);
        Assert.Equal(before, await FingerprintAsync());
        Assert.Equal(0, await app.CountAsync("idempotency_records", $"key = '{key}'"));

        using var fixedResponse = await Api.ApiAssert.PostJsonAsync(admin, "/api/v1/professionals", body, key);
        Assert.Equal(System.Net.HttpStatusCode.Created, fixedResponse.StatusCode);
    }
}
