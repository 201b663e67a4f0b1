using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Pages;

namespace NearshoreHub.Web.Tests.Features.Auth;

/// <summary>
/// Sessions can be ended (product.md §6): sign-out, refresh-token rotation with reuse detection, sign-out everywhere,
/// disable, password change and lockout each refuse the earlier cookies and bearer tokens of the user.
/// </summary>
public sealed class SessionTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private const string Password = "Session-Test-Password-7";

    internal sealed record Tokens(string Access, string Refresh);

    [Fact]
    public async Task Logout_with_the_refresh_token_ends_that_session_only_its_access_and_refresh_tokens_stop_working()
    {
        var email = await NewUserAsync();
        var first = await LoginAsync(email);
        var second = await LoginAsync(email);
        using var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.NoContent, (await anonymous.PostAsJsonAsync("/api/v1/auth/logout", new { refreshToken = first.Refresh })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(first.Access));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(first.Refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(second.Access));
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_presenting_it_again_ends_the_whole_session()
    {
        var email = await NewUserAsync();
        var tokens = await LoginAsync(email);

        var rotated = await RefreshAsync(tokens.Refresh);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var next = await ReadTokensAsync(rotated);
        Assert.NotEqual(tokens.Refresh, next.Refresh);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(next.Access));

        // The used token comes back (stolen): refused, and the thief's and the owner's new tokens both die.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens.Refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(next.Access));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(next.Refresh)).StatusCode);
        Assert.Equal(1, await app.CountAsync("user_sessions", "revoked_reason = 'refresh-reuse'"));
    }

    [Fact]
    public async Task Sign_out_everywhere_refuses_every_earlier_cookie_and_token_of_the_user()
    {
        var email = await NewUserAsync();
        var bearer = await LoginAsync(email);
        var other = await LoginAsync(email);
        using var browser = await PageClient.SignedInAsync(app, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Candidates")).StatusCode);

        using var client = Bearer(bearer.Access);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync("/api/v1/auth/logout-all", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(bearer.Access));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(other.Access));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(other.Refresh)).StatusCode);
        var page = await browser.GetAsync("/Candidates");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/Account/Login", page.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Page_sign_out_revokes_the_session_so_a_copy_of_the_cookie_is_refused()
    {
        var email = await NewUserAsync();
        using var browser = await PageClient.SignedInAsync(app, email, Password);
        var cookie = await CookieHeaderAsync(browser);

        var signOut = await browser.PostFormAsync("/Account/Logout", []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var copy = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/professionals");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await copy.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Disabling_a_user_refuses_their_cookies_tokens_and_sign_in_until_enabled_again()
    {
        var email = await NewUserAsync();
        var id = await UserIdAsync(email);
        var bearer = await LoginAsync(email);
        using var browser = await PageClient.SignedInAsync(app, email, Password);
        using var admin = await app.AdminAsync();
        using var recruiter = await app.RecruiterAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.PostAsync($"/api/v1/users/{id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{id}/disable", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(bearer.Access));
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(bearer.Refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Candidates")).StatusCode);
        using var anonymous = app.Anonymous();
        var refused = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password });
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync($"/api/v1/users/{id}/enable", null)).StatusCode);
        var fresh = await LoginAsync(email);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(fresh.Access));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api/v1/users/{Guid.NewGuid()}/disable", null)).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_keeps_the_callers_session_and_ends_every_other_cookie_and_token()
    {
        var email = await NewUserAsync();
        var caller = await LoginAsync(email);
        var other = await LoginAsync(email);
        using var browser = await PageClient.SignedInAsync(app, email, Password);
        using var client = Bearer(caller.Access);

        var common = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = Password, newPassword = "Password12345" });
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);
        var wrong = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = "Not-The-Password-1", newPassword = "A-Fresh-Long-Secret-19" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(other.Access));

        var changed = await client.PostAsJsonAsync("/api/v1/auth/password", new { currentPassword = Password, newPassword = "A-Fresh-Long-Secret-19" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, await StatusWithAsync(caller.Access));
        Assert.Equal(HttpStatusCode.OK, (await RefreshAsync(caller.Refresh)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(other.Access));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Candidates")).StatusCode);
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = Password })).StatusCode);
        await LoginAsync(email, "A-Fresh-Long-Secret-19");
    }

    [Fact]
    public async Task The_password_page_keeps_the_browser_signed_in_and_ends_the_users_bearer_tokens()
    {
        var email = await NewUserAsync();
        var bearer = await LoginAsync(email);
        using var browser = await PageClient.SignedInAsync(app, email, Password);

        var tooShort = await browser.PostFormAsync("/Account/Password", new()
        {
            ["Input.CurrentPassword"] = Password,
            ["Input.NewPassword"] = "Short-1",
            ["Input.ConfirmPassword"] = "Short-1",
        });
        Assert.Contains("at least 12 characters", await tooShort.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var response = await browser.PostFormAsync("/Account/Password", new()
        {
            ["Input.CurrentPassword"] = Password,
            ["Input.NewPassword"] = "Page-Changed-Secret-42",
            ["Input.ConfirmPassword"] = "Page-Changed-Secret-42",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Your password was changed", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/Candidates")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(bearer.Access));
        await LoginAsync(email, "Page-Changed-Secret-42");
    }

    [Fact]
    public async Task A_locked_out_users_existing_tokens_and_cookies_stop_working()
    {
        var email = await NewUserAsync();
        var bearer = await LoginAsync(email);
        using var browser = await PageClient.SignedInAsync(app, email, Password);
        using var anonymous = app.Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Wrong-password-1" });
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusWithAsync(bearer.Access));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/Candidates")).StatusCode);
    }

    [Fact]
    public async Task Cookies_and_tokens_without_a_server_side_session_are_refused()
    {
        var email = await NewUserAsync();
        var tokens = await LoginAsync(email);
        await app.QueryAsync("DELETE FROM user_sessions WHERE user_id = (SELECT id FROM \"AspNetUsers\" WHERE normalized_email = upper('" + email + "'))");
        // This instance may have answered from its short-lived cache; a fresh look must refuse.
        Assert.Equal(HttpStatusCode.Unauthorized, (await RefreshAsync(tokens.Refresh)).StatusCode);
    }

    internal async Task<string> NewUserAsync()
    {
        using var admin = await app.AdminAsync();
        var email = $"session.{Guid.NewGuid():N}@tests.nearshorehub.local";
        var created = await admin.PostAsJsonAsync("/api/v1/users", new { email, password = Password, displayName = "Session User", role = "Recruiter" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return email;
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        var rows = await app.QueryAsync($"SELECT id FROM \"AspNetUsers\" WHERE normalized_email = upper('{email}')");
        return Guid.Parse(rows.Single()[0]!);
    }

    internal async Task<Tokens> LoginAsync(string email, string password = Password)
    {
        using var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ReadTokensAsync(response);
    }

    private static async Task<Tokens> ReadTokensAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Tokens(body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refreshToken)
    {
        using var anonymous = app.Anonymous();
        return await anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken });
    }

    private HttpClient Bearer(string accessToken)
    {
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return client;
    }

    private async Task<HttpStatusCode> StatusWithAsync(string accessToken)
    {
        using var client = Bearer(accessToken);
        return (await client.GetAsync("/api/v1/professionals?limit=1")).StatusCode;
    }

    private static async Task<string> CookieHeaderAsync(PageClient browser)
    {
        // The handler keeps cookies to itself; ask the app which cookie it sees by echoing a signed-in page request.
        using var probe = new HttpRequestMessage(HttpMethod.Get, "/Candidates");
        var response = await browser.Http.SendAsync(probe);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = probe.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;
        Assert.False(string.IsNullOrEmpty(header), "The browser sent no cookie.");
        return header!;
    }
}
