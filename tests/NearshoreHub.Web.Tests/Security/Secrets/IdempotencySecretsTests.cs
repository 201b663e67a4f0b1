using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Security.Secrets;

/// <summary>
/// Stored request replays never hold secrets (product.md §14): sign-in and refresh ignore Idempotency-Key, secret
/// answers keep no body and replay as 409 with Location, request hashes are keyed, and records expire after 24 hours.
/// </summary>
public sealed class IdempotencySecretsTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Sign_in_and_refresh_ignore_the_idempotency_key_and_store_nothing()
    {
        using var anonymous = app.Anonymous();
        var key = "login-" + Guid.NewGuid();
        var first = await PostAsync(anonymous, "/api/v1/auth/login", new { email = NearshoreApiFactory.AdminEmail, password = NearshoreApiFactory.AdminPassword }, key);
        var second = await PostAsync(anonymous, "/api/v1/auth/login", new { email = NearshoreApiFactory.AdminEmail, password = NearshoreApiFactory.AdminPassword }, key);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var firstTokens = await first.Content.ReadFromJsonAsync<JsonElement>();
        var secondTokens = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(firstTokens.GetProperty("accessToken").GetString(), secondTokens.GetProperty("accessToken").GetString());

        var refreshKey = "refresh-" + Guid.NewGuid();
        var refreshed = await PostAsync(anonymous, "/api/v1/auth/refresh", new { refreshToken = firstTokens.GetProperty("refreshToken").GetString() }, refreshKey);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);

        Assert.Equal(0, await app.CountAsync("idempotency_records", $"key IN ('{key}', '{refreshKey}')"));
        var stored = await app.QueryAsync("SELECT coalesce(encode(body, 'escape'), '') FROM idempotency_records");
        Assert.DoesNotContain(stored, row => row[0]!.Contains("accessToken", StringComparison.Ordinal) || row[0]!.Contains("refreshToken", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_new_api_key_is_never_stored_and_a_replay_answers_409_with_its_location()
    {
        using var admin = await app.AdminAsync();
        var company = await (await admin.PostAsJsonAsync("/api/v1/companies", new { name = "Replay Co", timeZone = "America/New_York" })).Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/v1/companies/{company.GetProperty("id").GetGuid()}/api-keys";
        var key = "apikey-" + Guid.NewGuid();

        var created = await PostAsync(admin, url, new { name = "replayed" }, key);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var replay = await PostAsync(admin, url, new { name = "replayed" }, key);

        Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
        Assert.Equal(created.Headers.Location, replay.Headers.Location);
        Assert.DoesNotContain(secret, await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.CountAsync("idempotency_records", $"key = '{key}' AND body IS NULL"));
    }

    [Fact]
    public async Task The_request_hash_is_keyed_so_a_database_reader_cannot_test_guesses_of_the_body()
    {
        using var admin = await app.AdminAsync();
        var key = "hash-" + Guid.NewGuid();
        var body = JsonSerializer.Serialize(new { name = "Hash Co " + Guid.NewGuid().ToString("N")[..6], timeZone = "America/New_York" });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/companies") { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        Assert.Equal(HttpStatusCode.Created, (await admin.SendAsync(request)).StatusCode);

        var stored = (await app.QueryAsync($"SELECT request_hash FROM idempotency_records WHERE key = '{key}'")).Single()[0]!;
        var unkeyed = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("/api/v1/companies\n" + body)));
        Assert.Equal(64, stored.Length);
        Assert.NotEqual(unkeyed, stored);
        // The HMAC key itself is stored only as Data Protection ciphertext.
        Assert.Equal(1, await app.CountAsync("protected_secrets", "name = 'idempotency-hash-key' AND protected_value LIKE 'CfDJ8%'"));
    }

    [Fact]
    public async Task Records_expire_after_24_hours_unfinished_ones_too_and_the_cleanup_job_deletes_them()
    {
        using var admin = await app.AdminAsync();
        var stuck = "stuck-" + Guid.NewGuid();
        var old = "old-" + Guid.NewGuid();
        var user = (await app.QueryAsync($"SELECT id FROM \"AspNetUsers\" WHERE normalized_email = upper('{NearshoreApiFactory.AdminEmail}')")).Single()[0];
        // A request that crashed a day ago left its placeholder (status 0); another finished a day ago with another body.
        await app.QueryAsync($"""
            INSERT INTO idempotency_records (scope, key, request_hash, status_code, created_at)
            VALUES ('user:{user}', '{stuck}', 'x', 0, now() - interval '25 hours'),
                   ('user:{user}', '{old}', 'y', 201, now() - interval '25 hours')
            """);

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(admin, "/api/v1/companies", new { name = "Stuck Co", timeZone = "America/New_York" }, stuck)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(admin, "/api/v1/companies", new { name = "Old Co", timeZone = "America/New_York" }, old)).StatusCode);

        await app.QueryAsync("UPDATE idempotency_records SET created_at = now() - interval '25 hours'");
        var fresh = "fresh-" + Guid.NewGuid();
        await PostAsync(admin, "/api/v1/companies", new { name = "Fresh Co", timeZone = "America/New_York" }, fresh);
        using (var scope = app.Services.CreateScope())
        {
            await RetentionCleanup.RunOnceAsync(scope.ServiceProvider.GetRequiredService<NearshoreDbContext>(), DateTimeOffset.UtcNow, CancellationToken.None);
        }

        Assert.Equal(0, await app.CountAsync("idempotency_records", "created_at < now() - interval '24 hours'"));
        Assert.Equal(1, await app.CountAsync("idempotency_records", $"key = '{fresh}'"));
    }

    [Fact]
    public async Task Every_api_answer_says_no_store_successes_and_refusals_alike()
    {
        using var admin = await app.AdminAsync();
        using var anonymous = app.Anonymous();
        foreach (var response in new[]
        {
            await admin.GetAsync("/api/v1/professionals?limit=1"),
            await admin.GetAsync($"/api/v1/professionals/{Guid.NewGuid()}"),
            await anonymous.GetAsync("/api/v1/professionals"),
            await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = NearshoreApiFactory.AdminEmail, password = NearshoreApiFactory.AdminPassword }),
        })
        {
            Assert.True(response.Headers.CacheControl?.NoStore == true, $"{response.RequestMessage!.RequestUri} ({(int)response.StatusCode}) lacks Cache-Control: no-store");
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }
}
