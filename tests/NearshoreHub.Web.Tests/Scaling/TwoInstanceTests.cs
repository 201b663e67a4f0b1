using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Matching;
using NearshoreHub.Web.Tests.Pages;

namespace NearshoreHub.Web.Tests.Scaling;

public sealed class TwoInstanceTests(NearshoreApiFactory first) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Tokens_issued_by_one_instance_are_accepted_by_another_and_its_writes_reach_the_others_ranking()
    {
        using var signIn = first.Anonymous();
        var tokens = await (await signIn.PostAsJsonAsync("/api/v1/auth/login", new { email = NearshoreApiFactory.AdminEmail, password = NearshoreApiFactory.AdminPassword }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var (companyId, _, _) = await first.CreateCompanyWithKeyAsync();
        using var adminOnFirst = await first.AdminAsync();
        var project = await (await adminOnFirst.PostAsJsonAsync("/api/v1/projects", Samples.Project(companyId))).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();

        // A second app instance on the same database, as behind a load balancer.
        await using var second = new SecondInstanceFactory(first.ConnectionString);
        using var onSecond = second.Anonymous();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());

        // Data Protection keys live in PostgreSQL, so the second instance can read the first one's token...
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/v1/users")).StatusCode);
        // ...and exchange its refresh token.
        using var anonymousOnSecond = second.Anonymous();
        var refreshed = await anonymousOnSecond.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = tokens.GetProperty("refreshToken").GetString() });
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        // A professional written through the first instance shows up in the second one's ranking (LISTEN/NOTIFY).
        var professional = await (await adminOnFirst.PostAsJsonAsync("/api/v1/professionals", Samples.Professional())).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = professional.GetProperty("id").GetGuid().ToString();
        var seen = false;
        for (var attempt = 0; attempt < 60 && !seen; attempt++)
        {
            var matches = await onSecond.GetStringAsync($"/api/v1/projects/{project.GetProperty("id").GetGuid()}/matches");
            seen = matches.Contains(id, StringComparison.Ordinal);
            if (!seen)
            {
                await Task.Delay(500);
            }
        }

        Assert.True(seen, "The second instance's ranking never saw the professional written through the first.");
    }

    [Fact]
    public async Task Search_on_another_instance_finds_a_new_professional_and_forgets_a_deleted_one_within_seconds()
    {
        // Search answers from each instance's in-memory index; writes elsewhere arrive by LISTEN/NOTIFY.
        using var adminOnFirst = await first.AdminAsync();
        await using var second = new SecondInstanceFactory(first.ConnectionString);
        using var onSecond = second.Anonymous();
        using var signIn = await onSecond.PostAsJsonAsync("/api/v1/auth/login", new { email = NearshoreApiFactory.AdminEmail, password = NearshoreApiFactory.AdminPassword });
        var token = (await signIn.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        onSecond.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(0, await TotalAsync(onSecond, "q=qwzxv"));

        var body = Samples.Professional("qwzxv@scaling.example");
        body["fullName"] = "Qwzxv Ñandú";
        var created = await adminOnFirst.PostAsJsonAsync("/api/v1/professionals", body);
        var id = (await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.True(await EventuallyAsync(async () => await TotalAsync(onSecond, "q=qwzxv%20nandu") == 1), "The second instance's search never found the new professional.");

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/professionals/{id}");
        delete.Headers.IfMatch.Add(created.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NoContent, (await adminOnFirst.SendAsync(delete)).StatusCode);
        Assert.True(await EventuallyAsync(async () => await TotalAsync(onSecond, "q=qwzxv") == 0), "The second instance's search still finds the deleted professional.");
    }

    private static async Task<int> TotalAsync(HttpClient client, string query) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/professionals?" + query)).GetProperty("total").GetInt32();

    /// <summary>Polls for up to 5 s, the freshness the scaling contract promises.</summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 25; attempt++)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(200);
        }

        return await condition();
    }

    [Fact]
    public async Task A_sign_in_cookie_issued_by_one_instance_is_accepted_by_another()
    {
        using var browserOnFirst = PageClient.Anonymous(first);
        var login = await browserOnFirst.PostFormAsync(
            "/Account/Login", new() { ["Input.Email"] = NearshoreApiFactory.AdminEmail, ["Input.Password"] = NearshoreApiFactory.AdminPassword });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var cookies = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        Assert.NotEmpty(cookies);

        await using var second = new SecondInstanceFactory(first.ConnectionString);
        using var withoutCookie = second.Anonymous();
        var refused = await withoutCookie.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/Account/Login", refused.Headers.Location!.ToString(), StringComparison.Ordinal);

        // The cookie is protected with Data Protection keys kept in PostgreSQL, so the other instance can read it.
        using var withCookie = second.Anonymous();
        withCookie.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        var page = await withCookie.GetAsync("/Admin/Users");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(NearshoreApiFactory.AdminEmail, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
