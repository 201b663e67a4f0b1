using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Api;

namespace NearshoreHub.Web.Tests.Features.Webhooks;

public sealed class WebhookRegistrationTests(WebhookAppFactory app) : IClassFixture<WebhookAppFactory>
{
    [Fact]
    public async Task A_company_registers_an_endpoint_sees_the_secret_once_and_lists_reads_and_deletes_only_its_own()
    {
        var (companyA, keyA, _) = await app.CreateCompanyWithKeyAsync("Hooks A");
        var (_, keyB, _) = await app.CreateCompanyWithKeyAsync("Hooks B");
        using var a = app.WithApiKey(keyA);
        using var b = app.WithApiKey(keyB);

        var created = await a.PostAsJsonAsync("/api/v1/webhooks", new { url = app.Receiver.Origin + "/a", events = new[] { "report.approved", "project.updated" } });
        var body = await ApiAssert.JsonAsync(created, HttpStatusCode.Created);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var id = body.GetProperty("id").GetGuid();
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.Equal(32, Convert.FromBase64String(secret[6..]).Length);
        Assert.Equal($"/api/v1/webhooks/{id}", created.Headers.Location!.ToString());
        ApiAssert.IsUtcInstant(body.GetProperty("createdAt"));

        var one = await a.GetStringAsync($"/api/v1/webhooks/{id}");
        var list = await a.GetStringAsync("/api/v1/webhooks");
        Assert.DoesNotContain(secret, one, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", one, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, JsonDocument.Parse(list).RootElement.GetProperty("total").GetInt32());

        // Another company: the endpoint does not exist for it, in any way it asks.
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/webhooks/{id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(0, (await b.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks?companyId={companyA}")).GetProperty("total").GetInt32());

        // Staff: a recruiter nothing, an admin reads every company's but does not register or delete for one.
        using var recruiter = await app.RecruiterAsync();
        using var admin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync("/api/v1/webhooks")).StatusCode);
        await ApiAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/webhooks", new { url = app.Receiver.Origin + "/x", events = new[] { "report.approved" } }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        var adminList = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks?companyId={companyA}");
        Assert.Equal(id, Assert.Single(adminList.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/webhooks/{id}/deliveries")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await a.DeleteAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await a.GetAsync($"/api/v1/webhooks/{id}")).StatusCode);
        Assert.Equal(1, await app.CountAsync("audit_entries", $"action = 'webhook.create' AND target = '{id}'"));
        Assert.Equal(1, await app.CountAsync("audit_entries", $"action = 'webhook.delete' AND target = '{id}'"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook", "url")]                 // loopback, not the exempt origin
    [InlineData("https://127.0.0.1/hook", "url")]
    [InlineData("https://10.1.2.3/hook", "url")]                   // private
    [InlineData("https://192.168.0.10/hook", "url")]
    [InlineData("https://172.20.0.1/hook", "url")]
    [InlineData("https://169.254.169.254/latest/meta-data", "url")] // cloud metadata (link-local)
    [InlineData("https://[::1]/hook", "url")]
    [InlineData("https://[fe80::1]/hook", "url")]
    [InlineData("https://[fd00:ec2::254]/hook", "url")]
    [InlineData("https://[::ffff:127.0.0.1]/hook", "url")]
    [InlineData("https://100.100.100.200/hook", "url")]
    [InlineData("https://localhost/hook", "url")]
    [InlineData("https://metadata.google.internal/computeMetadata", "url")]
    [InlineData("https://intranet/hook", "url")]
    [InlineData("http://hooks.example.com/hook", "url")]            // https only outside Development
    [InlineData("ftp://hooks.example.com/hook", "url")]
    [InlineData("https://user:pass@hooks.example.com/hook", "url")]
    [InlineData("not a url", "url")]
    [InlineData("", "url")]
    public async Task Urls_inside_the_network_or_without_https_are_refused_and_nothing_is_written(string url, string field)
    {
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync("SSRF " + Guid.NewGuid().ToString("N")[..6]);
        using var company = app.WithApiKey(key);
        await ApiAssert.ValidationProblemAsync(await company.PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { "report.approved" } }), field);
        Assert.Equal(0, await app.CountAsync("webhook_endpoints", $"company_id = '{companyId}'"));
    }

    [Fact]
    public async Task Unknown_or_missing_events_and_malformed_bodies_are_400_and_unknown_ids_404_with_nothing_written()
    {
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync("Bad Input Co");
        using var company = app.WithApiKey(key);
        var url = app.Receiver.Origin + "/bad";
        await ApiAssert.ValidationProblemAsync(await company.PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { "report.approved", "report.rejected" } }), "events[1]");
        await ApiAssert.ValidationProblemAsync(await company.PostAsJsonAsync("/api/v1/webhooks", new { url, events = Array.Empty<string>() }), "events");
        await ApiAssert.ValidationProblemAsync(await company.PostAsJsonAsync("/api/v1/webhooks", new { url }), "events");
        await ApiAssert.ProblemAsync(await Infrastructure.NearshoreApiFactory.SendRawAsync(company, HttpMethod.Post, "/api/v1/webhooks", "{\"url\":"), HttpStatusCode.BadRequest);
        await ApiAssert.ValidationProblemAsync(await company.GetAsync("/api/v1/webhooks?limit=0"), "limit");
        await ApiAssert.ProblemAsync(await company.GetAsync($"/api/v1/webhooks/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await company.DeleteAsync($"/api/v1/webhooks/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.CountAsync("webhook_endpoints", $"company_id = '{companyId}'"));
    }

    [Fact]
    public async Task A_replayed_registration_never_repeats_the_secret()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Replay Co");
        using var company = app.WithApiKey(key);
        var body = new { url = app.Receiver.Origin + "/replay", events = new[] { "project.updated" } };
        var first = await ApiAssert.PostJsonAsync(company, "/api/v1/webhooks", body, "hook-replay-1");
        var secret = (await ApiAssert.JsonAsync(first, HttpStatusCode.Created)).GetProperty("secret").GetString()!;
        var replay = await ApiAssert.PostJsonAsync(company, "/api/v1/webhooks", body, "hook-replay-1");
        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.DoesNotContain(secret, await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAsync("idempotency_records", "key = 'hook-replay-1' AND body IS NOT NULL"));
    }
}
