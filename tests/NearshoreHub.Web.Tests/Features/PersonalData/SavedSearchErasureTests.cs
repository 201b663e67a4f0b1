using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Tests.Features.PersonalData;

/// <summary>
/// Erasure and recruiters' saved searches (product.md §13, §14): a search saved for the person's name or email keeps
/// its owner and other parameters but no longer holds the name or email, in the API or in the table; a search that
/// does not name the person is left exactly as it was.
/// </summary>
public sealed class SavedSearchErasureTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Erasure_takes_the_name_and_email_out_of_every_recruiters_saved_searches_and_keeps_their_other_parameters()
    {
        var (id, name, email) = await PersonAsync();
        using var recruiter = await app.RecruiterAsync();
        using var other = await SecondRecruiterAsync();
        var byName = await SaveAsync(recruiter, "Backend in Brazil", $"q={Uri.EscapeDataString(name)}&country=BR");
        Assert.Contains("Jo%C3%A3o", byName.Query, StringComparison.Ordinal);
        var onlyName = await SaveAsync(recruiter, "Just one person", "q=" + Uri.EscapeDataString(name));
        // As the search page's form sends it: '+' for spaces, no accents, another case, an excluded phrase.
        var unaccented = await SaveAsync(recruiter, "React people", $"q=react+-\"joao+ARAUJO+{name[^8..]}\"&country=BR");
        var byEmail = await SaveAsync(other, $"Follow up with {name}", $"q={Uri.EscapeDataString(email.ToUpperInvariant())}+senior&country=BR&minEnglish=B2");

        using var admin = await app.AdminAsync();
        var erased = await ApiAssert.JsonAsync(await admin.PostAsJsonAsync($"/api/v1/professionals/{id}/erasure", new { reason = "LGPD request" }), HttpStatusCode.OK);
        Assert.Equal(4, erased.GetProperty("partsDeleted").GetProperty("savedSearches").GetInt32());

        var mine = await ListAsync(recruiter);
        var theirs = await ListAsync(other);
        Assert.Equal(("Backend in Brazil", "country=BR"), mine[byName.Id]);
        Assert.Equal(("Just one person", ""), mine[onlyName.Id]);
        Assert.Equal(("React people", "q=react&country=BR"), mine[unaccented.Id]);
        Assert.Equal(("Follow up with Erased professional", "q=senior&country=BR&minEnglish=B2"), theirs[byEmail.Id]);

        var stored = await app.QueryAsync("SELECT name, query FROM saved_searches");
        foreach (var text in stored.SelectMany(row => new[] { row[0]!, Decoded(row[1]!) }).Concat(mine.Values.Concat(theirs.Values).SelectMany(s => new[] { s.Name, Decoded(s.Query) })))
        {
            foreach (var needle in new[] { name, email, $"joao araujo {name[^8..]}" })
            {
                Assert.DoesNotContain(needle, text, StringComparison.OrdinalIgnoreCase);
            }
        }

        Assert.Equal(4, await app.CountAsync("saved_searches", $"id IN ('{byName.Id}', '{onlyName.Id}', '{unaccented.Id}', '{byEmail.Id}')"));
        var audit = await app.QueryAsync($"SELECT details FROM audit_entries WHERE action = 'professional.erasure' AND target = '{id}'");
        Assert.Contains("4 saved searches scrubbed", Assert.Single(audit)[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_saved_search_that_does_not_name_the_person_is_left_byte_for_byte()
    {
        var (id, name, _) = await PersonAsync();
        using var recruiter = await app.RecruiterAsync();
        var kept = new List<Guid>
        {
            (await SaveAsync(recruiter, "Ana in Brazil", "q=Ana+Souza&country=BR&skills=C%23")).Id,
            (await SaveAsync(recruiter, "First name only", "q=" + Uri.EscapeDataString(name.Split(' ')[0]))).Id,
            // The name runs on into a longer word: a different name, not a mention.
            (await SaveAsync(recruiter, "Not quite", "q=" + Uri.EscapeDataString(name + "x"))).Id,
            (await SaveAsync(recruiter, "Everyone", "")).Id,
        };
        var sql = $"SELECT id, owner_id, name, query, seen_at, created_at FROM saved_searches WHERE id IN ({string.Join(", ", kept.Select(k => $"'{k}'"))}) ORDER BY id";
        var before = await app.QueryAsync(sql);

        using var admin = await app.AdminAsync();
        var erased = await ApiAssert.JsonAsync(await admin.PostAsJsonAsync($"/api/v1/professionals/{id}/erasure", new { reason = "LGPD request" }), HttpStatusCode.OK);

        Assert.Equal(0, erased.GetProperty("partsDeleted").GetProperty("savedSearches").GetInt32());
        var after = await app.QueryAsync(sql);
        Assert.Equal(4, after.Count);
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_search_saved_while_the_erasure_runs_is_scrubbed_too()
    {
        var (id, name, _) = await PersonAsync();
        using var recruiter = await app.RecruiterAsync();
        var first = await SaveAsync(recruiter, "Anyone", "country=BR");

        // Another session saves a search for the person and has not committed yet when the erasure starts.
        await using var other = new NpgsqlConnection(app.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        var saving = new NpgsqlCommand("""
            INSERT INTO saved_searches (id, owner_id, name, query, seen_at, created_at)
            SELECT @id, owner_id, 'Mid-erasure', @query, now(), now() FROM saved_searches WHERE id = @first
            """, other, transaction);
        var midway = Guid.NewGuid();
        saving.Parameters.AddWithValue("id", midway);
        saving.Parameters.AddWithValue("query", "q=" + Uri.EscapeDataString(name));
        saving.Parameters.AddWithValue("first", first.Id);
        Assert.Equal(1, await saving.ExecuteNonQueryAsync());

        using var admin = await app.AdminAsync();
        var erasure = admin.PostAsJsonAsync($"/api/v1/professionals/{id}/erasure", new { reason = "LGPD request" });
        var waited = Stopwatch.StartNew();
        while (!erasure.IsCompleted && await app.CountAsync("pg_stat_activity", "wait_event_type = 'Lock' AND query LIKE 'LOCK TABLE saved_searches%'") == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "The erasure neither finished nor waited.");
            await Task.Delay(20);
        }

        await transaction.CommitAsync();
        Assert.Equal(HttpStatusCode.OK, (await erasure).StatusCode);
        var stored = await app.QueryAsync($"SELECT name, query FROM saved_searches WHERE id = '{midway}'");
        Assert.Equal(new string?[] { "Mid-erasure", "" }, Assert.Single(stored));
    }

    /// <summary>A professional whose name has accents, unique to the test.</summary>
    private async Task<(Guid Id, string Name, string Email)> PersonAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = $"João Araújo {suffix}";
        var email = $"joao.araujo.{suffix}@erasure.example";
        using var admin = await app.AdminAsync();
        var body = Samples.Professional(email);
        body["fullName"] = name;
        var created = await ApiAssert.JsonAsync(await admin.PostAsJsonAsync("/api/v1/professionals", body), HttpStatusCode.Created);
        return (created.GetProperty("id").GetGuid(), name, email);
    }

    private async Task<HttpClient> SecondRecruiterAsync()
    {
        using var admin = await app.AdminAsync();
        var email = $"searches.{Guid.NewGuid():N}@tests.nearshorehub.local";
        (await admin.PostAsJsonAsync("/api/v1/users", new { email, password = "Second-Recruiter-Pass-1", displayName = "Rita Second", role = "Recruiter" }))
            .EnsureSuccessStatusCode();
        return await app.SignedInAsync(email, "Second-Recruiter-Pass-1");
    }

    private static async Task<(Guid Id, string Query)> SaveAsync(HttpClient staff, string name, string query)
    {
        var saved = await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/saved-searches", new { name, query }), HttpStatusCode.Created);
        return (saved.GetProperty("id").GetGuid(), saved.GetProperty("query").GetString()!);
    }

    private static async Task<Dictionary<Guid, (string Name, string Query)>> ListAsync(HttpClient staff)
    {
        var list = await ApiAssert.JsonAsync(await staff.GetAsync("/api/v1/saved-searches?limit=200"), HttpStatusCode.OK);
        return list.GetProperty("items").EnumerateArray()
            .ToDictionary(s => s.GetProperty("id").GetGuid(), s => (s.GetProperty("name").GetString()!, s.GetProperty("query").GetString()!));
    }

    /// <summary>Every parameter's value, decoded as the search reads them.</summary>
    private static string Decoded(string query) =>
        string.Join("\n", QueryHelpers.ParseQuery(query).SelectMany(p => p.Value.Select(v => $"{p.Key}={v}")));
}
