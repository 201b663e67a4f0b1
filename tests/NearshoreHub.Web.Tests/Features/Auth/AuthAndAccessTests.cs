using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Api;

public sealed class AuthApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Login_returns_a_bearer_token_and_its_refresh_token_gives_a_working_new_one()
    {
        using var anonymous = app.Anonymous();
        var login = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = NearshoreApiFactory.RecruiterEmail, password = NearshoreApiFactory.RecruiterPassword });
        var token = await ApiAssert.JsonAsync(login, HttpStatusCode.OK);
        Assert.Equal("Bearer", token.GetProperty("tokenType").GetString());
        Assert.True(token.GetProperty("expiresIn").GetInt64() > 0);
        Assert.False(string.IsNullOrEmpty(token.GetProperty("accessToken").GetString()));

        var refreshed = await ApiAssert.JsonAsync(
            await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = token.GetProperty("refreshToken").GetString() }), HttpStatusCode.OK);

        using var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", refreshed.GetProperty("accessToken").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/projects")).StatusCode);
    }

    [Fact]
    public async Task Garbage_refresh_token_is_401_problem()
    {
        using var anonymous = app.Anonymous();
        await ApiAssert.ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "not-a-token" }), HttpStatusCode.Unauthorized);
        await ApiAssert.ValidationProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = "" }), "refreshToken");
    }

    [Fact]
    public async Task Wrong_password_and_unknown_email_are_401_problems()
    {
        using var anonymous = app.Anonymous();
        await ApiAssert.ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = NearshoreApiFactory.AdminEmail, password = "wrong-password" }), HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@example.com", password = "whatever-123" }), HttpStatusCode.Unauthorized);
        await ApiAssert.ValidationProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "", password = "x" }), "email");
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_even_the_right_one_fails()
    {
        using var admin = await app.AdminAsync();
        var email = $"locked.{Guid.NewGuid():N}@example.com";
        const string password = "Lockout-Pass-42";
        (await admin.PostAsJsonAsync("/api/v1/users", new { email, password, role = "Recruiter" })).EnsureSuccessStatusCode();
        using var anonymous = app.Anonymous();

        for (var i = 0; i < 5; i++)
        {
            await ApiAssert.ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Wrong-Pass-00" }), HttpStatusCode.Unauthorized);
        }

        var locked = await ApiAssert.ProblemAsync(await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password }), HttpStatusCode.Unauthorized);
        Assert.Contains("locked", locked.GetProperty("title").GetString(), StringComparison.OrdinalIgnoreCase);
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/v1/users?limit=200");
        Assert.True(users.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("email").GetString() == email).GetProperty("lockedOut").GetBoolean());
    }
}

/// <summary>Who may call what (product.md §6): 401 without or with bad credentials, 403 for the wrong role.</summary>
public sealed class AccessControlTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private static readonly Guid SomeId = Guid.NewGuid();

    public static TheoryData<string, string> ProtectedEndpoints() => new()
    {
        { "GET", "/api/v1/skills" },
        { "GET", "/api/v1/skills/javascript" },
        { "POST", "/api/v1/skills" },
        { "PUT", "/api/v1/skills/javascript" },
        { "GET", $"/api/v1/professionals/{SomeId}" },
        { "POST", "/api/v1/professionals" },
        { "PUT", $"/api/v1/professionals/{SomeId}" },
        { "DELETE", $"/api/v1/professionals/{SomeId}" },
        { "GET", "/api/v1/companies" },
        { "GET", $"/api/v1/companies/{SomeId}" },
        { "POST", "/api/v1/companies" },
        { "PUT", $"/api/v1/companies/{SomeId}" },
        { "GET", $"/api/v1/companies/{SomeId}/api-keys" },
        { "POST", $"/api/v1/companies/{SomeId}/api-keys" },
        { "DELETE", $"/api/v1/companies/{SomeId}/api-keys/{SomeId}" },
        { "GET", "/api/v1/projects" },
        { "GET", $"/api/v1/projects/{SomeId}" },
        { "POST", "/api/v1/projects" },
        { "PUT", $"/api/v1/projects/{SomeId}" },
        { "DELETE", $"/api/v1/projects/{SomeId}" },
        { "GET", "/api/v1/users" },
        { "POST", "/api/v1/users" },
    };

    public static TheoryData<string, string> AdminOnly() => new()
    {
        { "POST", "/api/v1/skills" },
        { "PUT", "/api/v1/skills/javascript" },
        { "GET", "/api/v1/companies" },
        { "GET", $"/api/v1/companies/{SomeId}" },
        { "POST", "/api/v1/companies" },
        { "PUT", $"/api/v1/companies/{SomeId}" },
        { "GET", $"/api/v1/companies/{SomeId}/api-keys" },
        { "POST", $"/api/v1/companies/{SomeId}/api-keys" },
        { "DELETE", $"/api/v1/companies/{SomeId}/api-keys/{SomeId}" },
        { "GET", "/api/v1/users" },
        { "POST", "/api/v1/users" },
    };

    public static TheoryData<string, string> StaffOnly() => new()
    {
        { "GET", $"/api/v1/professionals/{SomeId}" },
        { "POST", "/api/v1/professionals" },
        { "PUT", $"/api/v1/professionals/{SomeId}" },
        { "DELETE", $"/api/v1/professionals/{SomeId}" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Without_or_with_bad_credentials_every_protected_endpoint_is_401_problem(string method, string url)
    {
        var (companyId, revokedKey, keyId) = await app.CreateCompanyWithKeyAsync($"Revoked {Guid.NewGuid():N}");
        using (var admin = await app.AdminAsync())
        {
            (await admin.DeleteAsync($"/api/v1/companies/{companyId}/api-keys/{keyId}")).EnsureSuccessStatusCode();
        }

        using var anonymous = app.Anonymous();
        using var garbageKey = app.WithApiKey("nsh_AAAAAAAAAA.not-a-real-secret");
        using var malformedKey = app.WithApiKey("hello");
        using var revoked = app.WithApiKey(revokedKey);
        using var badBearer = app.Anonymous();
        badBearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
        var forged = revokedKey[..^4] + "AAAA";
        using var forgedKey = app.WithApiKey(forged);

        foreach (var client in new[] { anonymous, garbageKey, malformedKey, revoked, badBearer, forgedKey })
        {
            var before = await app.CountAsync("audit_entries");
            await ApiAssert.ProblemAsync(await client.SendAsync(Request(method, url)), HttpStatusCode.Unauthorized);
            Assert.Equal(before, await app.CountAsync("audit_entries"));
        }
    }

    [Theory]
    [MemberData(nameof(AdminOnly))]
    public async Task Recruiters_and_companies_get_403_on_admin_endpoints(string method, string url)
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync($"Nosy {Guid.NewGuid():N}");
        using var recruiter = await app.RecruiterAsync();
        using var company = app.WithApiKey(key);

        await ApiAssert.ProblemAsync(await recruiter.SendAsync(Request(method, url)), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await company.SendAsync(Request(method, url)), HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(StaffOnly))]
    public async Task Companies_get_403_on_professionals(string method, string url)
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync($"Poacher {Guid.NewGuid():N}");
        using var company = app.WithApiKey(key);

        await ApiAssert.ProblemAsync(await company.SendAsync(Request(method, url)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_credentials()
    {
        using var anonymous = app.Anonymous();
        var live = await anonymous.GetAsync("/health/live");
        var ready = await anonymous.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Request(string method, string url)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PUT")
        {
            request.Content = JsonContent.Create(new { name = "x" });
        }

        return request;
    }
}
