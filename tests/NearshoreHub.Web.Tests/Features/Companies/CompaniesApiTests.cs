using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Api;

public sealed class CompaniesApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private const string Url = "/api/v1/companies";

    [Fact]
    public async Task Admin_creates_lists_reads_and_updates_companies_with_etags()
    {
        using var admin = await app.AdminAsync();
        var created = await admin.PostAsJsonAsync(Url, new { name = "Globex", timeZone = "America/Chicago" });
        var dto = await ApiAssert.JsonAsync(created, HttpStatusCode.Created);
        var id = dto.GetProperty("id").GetGuid();
        Assert.Equal("Globex", dto.GetProperty("name").GetString());
        Assert.Equal("America/Chicago", dto.GetProperty("timeZone").GetString());
        ApiAssert.IsUtcInstant(dto.GetProperty("createdAt"));
        Assert.Equal($"{Url}/{id}", created.Headers.Location?.OriginalString);

        var read = await admin.GetAsync($"{Url}/{id}");
        await ApiAssert.JsonAsync(read, HttpStatusCode.OK);
        var etag = read.Headers.ETag!.ToString();

        var list = await ApiAssert.JsonAsync(await admin.GetAsync($"{Url}?q=globex&limit=10"), HttpStatusCode.OK);
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal(id, list.GetProperty("items")[0].GetProperty("id").GetGuid());

        var updated = await ApiAssert.PutJsonAsync(admin, $"{Url}/{id}", new { name = "Globex Inc", timeZone = "America/Denver" }, etag);
        Assert.Equal("Globex Inc", (await ApiAssert.JsonAsync(updated, HttpStatusCode.OK)).GetProperty("name").GetString());
        Assert.NotEqual(etag, updated.Headers.ETag!.ToString());
        await ApiAssert.ProblemAsync(await ApiAssert.PutJsonAsync(admin, $"{Url}/{id}", new { name = "Stale", timeZone = "America/Denver" }, etag), HttpStatusCode.PreconditionFailed);
        Assert.Equal(HttpStatusCode.OK, (await ApiAssert.PutJsonAsync(admin, $"{Url}/{id}", new { name = "Fresh", timeZone = "America/Denver" }, updated.Headers.ETag!.ToString())).StatusCode);
    }

    [Theory]
    [InlineData("", "America/New_York", "name")]
    [InlineData("Initech", "Eastern Standard Time", "timeZone")]
    [InlineData("Initech", "", "timeZone")]
    [InlineData("Initech", "America/Atlantis", "timeZone")]
    public async Task Invalid_company_is_400_keyed_by_field_and_writes_nothing(string name, string timeZone, string path)
    {
        using var admin = await app.AdminAsync();
        var before = await app.CountAsync("companies");

        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync(Url, new { name, timeZone }), path);

        Assert.Equal(before, await app.CountAsync("companies"));
    }

    [Fact]
    public async Task Unknown_company_ids_are_404_everywhere()
    {
        using var admin = await app.AdminAsync();
        var id = Guid.NewGuid();
        await ApiAssert.ProblemAsync(await admin.GetAsync($"{Url}/{id}"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await admin.PutAsJsonAsync($"{Url}/{id}", new { name = "X", timeZone = "UTC" }), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await admin.GetAsync($"{Url}/{id}/api-keys"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await admin.PostAsJsonAsync($"{Url}/{id}/api-keys", new { name = "k" }), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await admin.DeleteAsync($"{Url}/{id}/api-keys/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Api_key_is_shown_once_listed_by_prefix_records_last_use_and_dies_at_once_when_revoked()
    {
        var (companyId, key, keyId) = await app.CreateCompanyWithKeyAsync("Keyholder");
        using var admin = await app.AdminAsync();

        var before = await admin.GetFromJsonAsync<JsonElement>($"{Url}/{companyId}/api-keys");
        var listed = Assert.Single(before.GetProperty("items").EnumerateArray());
        Assert.Equal(keyId, listed.GetProperty("id").GetGuid());
        Assert.StartsWith(listed.GetProperty("prefix").GetString()!, key, StringComparison.Ordinal);
        Assert.True(listed.GetProperty("prefix").GetString()!.Length < key.Length / 2);
        Assert.False(listed.TryGetProperty("key", out _));
        Assert.DoesNotContain(key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..], before.ToString(), StringComparison.Ordinal);
        ApiAssert.IsUtcInstant(listed.GetProperty("createdAt"));
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("lastUsedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, listed.GetProperty("revokedAt").ValueKind);

        using var company = app.WithApiKey(key);
        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync("/api/v1/projects")).StatusCode);
        var used = Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"{Url}/{companyId}/api-keys")).GetProperty("items").EnumerateArray());
        ApiAssert.IsUtcInstant(used.GetProperty("lastUsedAt"));

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{Url}/{companyId}/api-keys/{keyId}")).StatusCode);
        await ApiAssert.ProblemAsync(await company.GetAsync("/api/v1/projects"), HttpStatusCode.Unauthorized);
        var revoked = Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"{Url}/{companyId}/api-keys")).GetProperty("items").EnumerateArray());
        ApiAssert.IsUtcInstant(revoked.GetProperty("revokedAt"));
    }

    [Fact]
    public async Task A_key_of_another_company_cannot_be_revoked_through_this_company()
    {
        var (_, keyA, keyIdA) = await app.CreateCompanyWithKeyAsync("Key owner");
        var (companyB, _, _) = await app.CreateCompanyWithKeyAsync("Other");
        using var admin = await app.AdminAsync();

        await ApiAssert.ProblemAsync(await admin.DeleteAsync($"{Url}/{companyB}/api-keys/{keyIdA}"), HttpStatusCode.NotFound);

        using var a = app.WithApiKey(keyA);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/v1/projects")).StatusCode);
    }

    [Fact]
    public async Task Duplicate_key_names_are_fine_and_each_key_works()
    {
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Two keys");
        using var admin = await app.AdminAsync();
        var first = await ApiAssert.JsonAsync(await admin.PostAsJsonAsync($"{Url}/{companyId}/api-keys", new { name = "ci" }), HttpStatusCode.Created);
        var second = await ApiAssert.JsonAsync(await admin.PostAsJsonAsync($"{Url}/{companyId}/api-keys", new { name = "ci" }), HttpStatusCode.Created);

        Assert.NotEqual(first.GetProperty("key").GetString(), second.GetProperty("key").GetString());
        ApiAssert.IsUtcInstant(first.GetProperty("createdAt"));
        foreach (var created in new[] { first, second })
        {
            using var company = app.WithApiKey(created.GetProperty("key").GetString()!);
            Assert.Equal(HttpStatusCode.OK, (await company.GetAsync("/api/v1/projects")).StatusCode);
        }

        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync($"{Url}/{companyId}/api-keys", new { name = "" }), "name");
    }

    [Fact]
    public async Task The_database_never_holds_a_key_or_its_secret_in_the_clear_even_with_an_idempotency_key()
    {
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync("Plaintext check");
        using var admin = await app.AdminAsync();
        var idempotencyKey = Guid.NewGuid().ToString();
        var idempotent = await ApiAssert.PostJsonAsync(admin, $"{Url}/{companyId}/api-keys", new { name = "retried" }, idempotencyKey);
        var secondKey = (await ApiAssert.JsonAsync(idempotent, HttpStatusCode.Created)).GetProperty("key").GetString()!;

        // A retry must neither mint a second key nor repeat the secret: it is told where the key is.
        var retry = await ApiAssert.PostJsonAsync(admin, $"{Url}/{companyId}/api-keys", new { name = "retried" }, idempotencyKey);
        await ApiAssert.ProblemAsync(retry, HttpStatusCode.Conflict);
        Assert.Equal(idempotent.Headers.Location, retry.Headers.Location);
        Assert.DoesNotContain(secondKey, await retry.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.CountAsync("api_keys", $"company_id = '{companyId}' AND name = 'retried'"));

        foreach (var k in new[] { key, secondKey })
        {
            var secret = k[(k.IndexOf('.', StringComparison.Ordinal) + 1)..];
            await AssertNowhereInDatabaseAsync(secret);
        }
    }

    [Fact]
    public async Task Identity_stores_password_hashes_not_passwords()
    {
        var rows = await app.QueryAsync("""SELECT email, password_hash FROM "AspNetUsers" """);

        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r[1])));
        await AssertNowhereInDatabaseAsync(NearshoreApiFactory.AdminPassword);
        await AssertNowhereInDatabaseAsync(NearshoreApiFactory.RecruiterPassword);
    }

    [Fact]
    public async Task Company_lists_are_paged_and_reject_bad_paging()
    {
        using var admin = await app.AdminAsync();
        var list = await ApiAssert.JsonAsync(await admin.GetAsync($"{Url}?limit=1"), HttpStatusCode.OK);
        Assert.True(list.GetProperty("total").GetInt32() >= list.GetProperty("items").GetArrayLength());
        await ApiAssert.ValidationProblemAsync(await admin.GetAsync($"{Url}?limit=201"), "limit");
        await ApiAssert.ValidationProblemAsync(await admin.GetAsync($"{Url}?limit=-3"), "limit");
        await ApiAssert.ValidationProblemAsync(await admin.GetAsync($"{Url}?offset=-1"), "offset");
    }

    /// <summary>Searches every text and bytea column of every table in the public schema.</summary>
    private async Task AssertNowhereInDatabaseAsync(string secret)
    {
        var columns = await app.QueryAsync("""
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'bytea', 'jsonb', 'json')
            """);
        Assert.Contains(columns, c => c[0] == "api_keys");
        foreach (var column in columns)
        {
            var expression = column[2] == "bytea" ? $"encode(\"{column[1]}\", 'escape')" : $"\"{column[1]}\"::text";
            var hits = await app.CountAsync($"\"{column[0]}\"", $"position('{secret.Replace("'", "''", StringComparison.Ordinal)}' in {expression}) > 0");
            Assert.True(hits == 0, $"{column[0]}.{column[1]} holds the secret in the clear.");
        }
    }
}
