using System.Net;
using System.Net.Http.Json;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Security.Secrets;

/// <summary>Redirects that never name a client-chosen host, the password policy, and names that display as stored.</summary>
public sealed class InputHardeningTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task The_sign_in_redirect_is_relative_and_never_reflects_the_host_header()
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Candidates?q=x");
        request.Headers.Host = "127.0.0.1:5999";
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/Account/Login?ReturnUrl=", location, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1", location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_host_outside_allowed_hosts_is_refused()
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Account/Login");
        request.Headers.Host = "evil.example";
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(request)).StatusCode);
    }

    [Theory]
    [InlineData("Password12")]
    [InlineData("Password1234")]
    [InlineData("Qwertyuiop123!")]
    [InlineData("Short-Pw-1")]
    public async Task Short_and_common_passwords_are_refused_for_new_users(string password)
    {
        using var admin = await app.AdminAsync();
        var response = await admin.PostAsJsonAsync("/api/v1/users", new { email = $"weak.{Guid.NewGuid():N}@tests.nearshorehub.local", password, role = "Recruiter" });
        await ApiAssert.ValidationProblemAsync(response, "password");
    }

    [Theory]
    [InlineData("\u202Egnp.exe")]
    [InlineData("Ana\u200BSouza")]
    [InlineData("Ana\u2066Souza\u2069")]
    [InlineData("Ana\uFEFF")]
    public async Task Names_with_bidi_controls_or_zero_width_characters_are_refused(string name)
    {
        using var admin = await app.AdminAsync();
        var professional = Samples.Professional();
        professional["fullName"] = name;
        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/professionals", professional, NearshoreApiFactory.Json), "fullName");

        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/users",
            new { email = $"bidi.{Guid.NewGuid():N}@tests.nearshorehub.local", password = "Bidi-Test-Password-1", displayName = name, role = "Recruiter" }), "displayName");

        var project = Samples.Project((await app.CreateCompanyWithKeyAsync("Bidi " + Guid.NewGuid().ToString("N")[..6])).CompanyId);
        project["title"] = name;
        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/projects", project, NearshoreApiFactory.Json), "title");
    }

    [Fact]
    public async Task Accented_and_non_latin_names_are_still_accepted()
    {
        using var admin = await app.AdminAsync();
        var professional = Samples.Professional();
        professional["fullName"] = "João Conceição Müller — 李小龍";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/v1/professionals", professional, NearshoreApiFactory.Json)).StatusCode);
    }
}
