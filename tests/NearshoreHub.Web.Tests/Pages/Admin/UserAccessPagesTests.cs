using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Pages.Admin;

/// <summary>Admins disable and enable users on the Users page; a disable ends the user's sessions at once.</summary>
public sealed class UserAccessPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Disabling_on_the_users_page_signs_the_user_out_everywhere_and_enabling_lets_them_back_in()
    {
        const string password = "Page-Disable-Password-8";
        var email = $"page.disable.{Guid.NewGuid():N}@tests.nearshorehub.local";
        using var admin = await app.AdminAsync();
        var id = (await (await admin.PostAsJsonAsync("/api/v1/users", new { email, password, role = "Recruiter" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var victim = await PageClient.SignedInAsync(app, email, password);
        using var page = await PageClient.AdminAsync(app);

        var html = await page.SubmitAsync($"/Admin/Users?handler=Disable&id={id}", []);
        Assert.Contains("The user was disabled and signed out everywhere.", html, StringComparison.Ordinal);
        Assert.Contains("disabled", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await victim.GetAsync("/Candidates")).StatusCode);

        html = await page.SubmitAsync($"/Admin/Users?handler=Enable&id={id}", []);
        Assert.Contains("The user can sign in again.", html, StringComparison.Ordinal);
        using var back = await PageClient.SignedInAsync(app, email, password);
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/Candidates")).StatusCode);

        using var recruiter = await PageClient.RecruiterAsync(app);
        var refused = await recruiter.PostWithoutTokenAsync($"/Admin/Users?handler=Disable&id={id}", []);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(0, await app.CountAsync("user_sessions", $"user_id = '{id}' AND revoked_at IS NULL AND revoked_reason IS NOT NULL"));
    }
}
