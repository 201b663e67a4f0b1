using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Pages;

public sealed partial class AdminPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Company_form_shows_the_api_validators_messages_beside_the_fields_and_keeps_what_was_typed()
    {
        using var admin = await PageClient.AdminAsync(app);

        var response = await admin.PostFormAsync("/Admin/Companies/Create", new()
        {
            ["Input.Name"] = "Olympus Mining & Co",
            ["Input.TimeZone"] = "Mars/Olympus_Mons",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(TimeZoneErrorBesideField(), html);
        Assert.Contains("value=\"Olympus Mining &amp; Co\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Mars/Olympus_Mons\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Companies.AnyAsync(c => c.Name == "Olympus Mining & Co")));
    }

    [Fact]
    public async Task Company_form_reports_an_empty_name()
    {
        using var admin = await PageClient.AdminAsync(app);

        var response = await admin.PostFormAsync("/Admin/Companies/Create", new() { ["Input.Name"] = "  ", ["Input.TimeZone"] = "America/Chicago" });

        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-valmsg-for=\"Input.Name\"", html, StringComparison.Ordinal);
        Assert.Contains("must not be empty", html, StringComparison.Ordinal);
        Assert.Contains("value=\"America/Chicago\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_creates_a_company_issues_a_key_shown_once_and_revokes_it_with_audit_entries()
    {
        using var admin = await PageClient.AdminAsync(app);

        var created = await admin.PostFormAsync("/Admin/Companies/Create", new() { ["Input.Name"] = "Globex Pages", ["Input.TimeZone"] = "America/Chicago" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var detailsUrl = created.Headers.Location!.ToString();
        var companyId = Guid.Parse(detailsUrl.Split('/')[^1]);

        var issued = await admin.PostFormAsync($"{detailsUrl}?handler=CreateKey", new() { ["Input.Name"] = "production" });
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        Assert.Contains("no-store", issued.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var key = NewKey().Match(await issued.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEmpty(key);

        using (var company = app.WithApiKey(key))
        {
            Assert.Equal(HttpStatusCode.OK, (await company.GetAsync(new Uri("/api/v1/projects", UriKind.Relative))).StatusCode);
        }

        var again = await admin.GetHtmlAsync(detailsUrl);
        Assert.DoesNotContain(key, again, StringComparison.Ordinal);
        Assert.Contains("production", again, StringComparison.Ordinal);

        var keyId = await app.WithDbAsync(db => db.ApiKeys.Where(k => k.CompanyId == companyId).Select(k => k.Id).SingleAsync());
        var revoked = await admin.PostFormAsync($"{detailsUrl}?handler=Revoke&keyId={keyId}", []);
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        using (var company = app.WithApiKey(key))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await company.GetAsync(new Uri("/api/v1/projects", UriKind.Relative))).StatusCode);
        }

        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Actor == NearshoreApiFactory.AdminEmail).Select(e => e.Action).ToListAsync());
        Assert.Contains("company.create", actions);
        Assert.Contains("apikey.create", actions);
        Assert.Contains("apikey.revoke", actions);
        var audit = await admin.GetHtmlAsync("/Admin/Audit?operation=apikey.revoke");
        Assert.Contains(keyId.ToString(), audit, StringComparison.Ordinal);
        Assert.DoesNotContain("<code>company.create</code>", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_creates_a_recruiter_who_can_then_sign_in()
    {
        using var admin = await PageClient.AdminAsync(app);

        var invalid = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.Email"] = "not-an-email",
            ["Input.DisplayName"] = "Rita Recruiter",
            ["Input.Password"] = "short",
            ["Input.Role"] = "Recruiter",
        });
        var invalidHtml = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("Must be a valid email address.", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("value=\"Rita Recruiter\"", invalidHtml, StringComparison.Ordinal);

        var created = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.Email"] = "rita@tests.nearshorehub.local",
            ["Input.DisplayName"] = "Rita Recruiter",
            ["Input.Password"] = "Rita-Password-2026",
            ["Input.Role"] = "Recruiter",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var list = await admin.GetHtmlAsync("/Admin/Users");
        Assert.Contains("rita@tests.nearshorehub.local", list, StringComparison.Ordinal);

        using var rita = await PageClient.SignedInAsync(app, "rita@tests.nearshorehub.local", "Rita-Password-2026");
        Assert.Equal(HttpStatusCode.OK, (await rita.GetAsync("/Projects")).StatusCode);

        var duplicate = await admin.PostFormAsync("/Admin/Users/Create", new()
        {
            ["Input.Email"] = "rita@tests.nearshorehub.local",
            ["Input.Password"] = "Another-Password-2026",
            ["Input.Role"] = "Admin",
        });
        Assert.Contains("already exists", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_adds_a_skill_with_aliases_and_a_related_skill_and_finds_it()
    {
        using var admin = await PageClient.AdminAsync(app);

        var unknown = await admin.PostFormAsync("/Admin/Skills/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = "Gleam Pages",
            ["Input.Category"] = "Language",
            ["Input.Aliases"] = "gleam-lang, gleamlang",
            ["Input.Related[2].Skill"] = "erlangg",
            ["Input.Related[2].Similarity"] = "0.6",
        }.WithEmptyRows("Input.Related", 5, "Skill"));
        var unknownHtml = await unknown.Content.ReadAsStringAsync();
        Assert.Matches(RelatedRowError(), unknownHtml);
        Assert.Contains("value=\"gleam-lang, gleamlang\"", unknownHtml, StringComparison.Ordinal);

        var created = await admin.PostFormAsync("/Admin/Skills/Create", new Dictionary<string, string>
        {
            ["Input.Name"] = "Gleam Pages",
            ["Input.Category"] = "Language",
            ["Input.Aliases"] = "gleam-lang, gleamlang",
            ["Input.Related[2].Skill"] = "Erlang",
            ["Input.Related[2].Similarity"] = "0.6",
        }.WithEmptyRows("Input.Related", 5, "Skill"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var found = await admin.GetHtmlAsync("/Admin/Skills?q=gleamlang");
        Assert.Contains("Gleam Pages", found, StringComparison.Ordinal);
        Assert.Contains("Erlang (0.6)", found, StringComparison.Ordinal);
    }

    [GeneratedRegex("data-valmsg-for=\"Input.TimeZone\"[^>]*>Must be an IANA time zone id")]
    private static partial Regex TimeZoneErrorBesideField();

    [GeneratedRegex("data-valmsg-for=\"Input.Related\\[2\\].Skill\"[^>]*>Unknown skill &#x27;erlangg&#x27;. Did you mean: Erlang")]
    private static partial Regex RelatedRowError();

    [GeneratedRegex("id=\"new-key\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex NewKey();
}
