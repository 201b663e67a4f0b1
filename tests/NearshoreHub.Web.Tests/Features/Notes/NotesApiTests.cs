using System.Net;
using System.Net.Http.Json;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Notes;

/// <summary>Notes on professionals (product spec §13): staff only, newest first, deleted by their author or an admin, audited.</summary>
public sealed class NotesApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private async Task<Guid> ProfessionalAsync(HttpClient staff) =>
        (await ApiAssert.JsonAsync(await staff.PostAsJsonAsync("/api/v1/professionals", Samples.Professional()), HttpStatusCode.Created)).GetProperty("id").GetGuid();

    private async Task<HttpClient> SecondRecruiterAsync()
    {
        using var admin = await app.AdminAsync();
        var email = $"notes.{Guid.NewGuid():N}@tests.nearshorehub.local";
        (await admin.PostAsJsonAsync("/api/v1/users", new { email, password = "Second-Recruiter-Pass-1", displayName = "Rita Second", role = "Recruiter" })).EnsureSuccessStatusCode();
        return await app.SignedInAsync(email, "Second-Recruiter-Pass-1");
    }

    [Fact]
    public async Task Notes_list_newest_first_with_author_and_time_and_paging()
    {
        using var staff = await app.RecruiterAsync();
        var id = await ProfessionalAsync(staff);
        foreach (var text in new[] { "First call went well", "Prefers mornings", "Sent to the client" })
        {
            var note = await ApiAssert.JsonAsync(await staff.PostAsJsonAsync($"/api/v1/professionals/{id}/notes", new { text }), HttpStatusCode.Created);
            Assert.Equal(text, note.GetProperty("text").GetString());
        }

        var page = await ApiAssert.JsonAsync(await staff.GetAsync($"/api/v1/professionals/{id}/notes?limit=2"), HttpStatusCode.OK);
        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal(["Sent to the client", "Prefers mornings"], page.GetProperty("items").EnumerateArray().Select(n => n.GetProperty("text").GetString()));
        var first = page.GetProperty("items")[0];
        Assert.False(string.IsNullOrEmpty(first.GetProperty("author").GetProperty("name").GetString()));
        ApiAssert.IsUtcInstant(first.GetProperty("createdAt"));
        Assert.Equal(3, await app.CountAsync("audit_entries", $"action = 'note.create' AND target = '{id}'"));
    }

    [Fact]
    public async Task A_note_over_4000_characters_or_empty_is_refused_and_nothing_is_written()
    {
        using var staff = await app.RecruiterAsync();
        var id = await ProfessionalAsync(staff);
        await ApiAssert.ValidationProblemAsync(await staff.PostAsJsonAsync($"/api/v1/professionals/{id}/notes", new { text = new string('x', 4001) }), "text");
        await ApiAssert.ValidationProblemAsync(await staff.PostAsJsonAsync($"/api/v1/professionals/{id}/notes", new { text = "  " }), "text");
        Assert.Equal(0, await app.CountAsync("professional_notes", $"professional_id = '{id}'"));
        await ApiAssert.JsonAsync(await staff.PostAsJsonAsync($"/api/v1/professionals/{id}/notes", new { text = new string('x', 4000) }), HttpStatusCode.Created);
        await ApiAssert.ProblemAsync(await staff.PostAsJsonAsync($"/api/v1/professionals/{Guid.NewGuid()}/notes", new { text = "hi" }), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await staff.GetAsync($"/api/v1/professionals/{Guid.NewGuid()}/notes"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_the_author_or_an_admin_deletes_a_note()
    {
        using var author = await app.RecruiterAsync();
        using var other = await SecondRecruiterAsync();
        using var admin = await app.AdminAsync();
        var id = await ProfessionalAsync(author);
        async Task<Guid> NoteAsync() => (await ApiAssert.JsonAsync(await author.PostAsJsonAsync($"/api/v1/professionals/{id}/notes", new { text = "Mine" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var first = await NoteAsync();
        var second = await NoteAsync();

        await ApiAssert.ProblemAsync(await other.DeleteAsync($"/api/v1/professionals/{id}/notes/{first}"), HttpStatusCode.Forbidden);
        Assert.Equal(1, await app.CountAsync("professional_notes", $"id = '{first}'"));
        Assert.Equal(HttpStatusCode.NoContent, (await author.DeleteAsync($"/api/v1/professionals/{id}/notes/{first}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/professionals/{id}/notes/{second}")).StatusCode);
        await ApiAssert.ProblemAsync(await author.DeleteAsync($"/api/v1/professionals/{id}/notes/{first}"), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.CountAsync("professional_notes", $"professional_id = '{id}'"));
        Assert.Equal(2, await app.CountAsync("audit_entries", $"action = 'note.delete' AND target = '{id}'"));
    }

    [Fact]
    public async Task Companies_never_read_or_write_notes()
    {
        using var staff = await app.RecruiterAsync();
        var id = await ProfessionalAsync(staff);
        var note = (await ApiAssert.JsonAsync(await staff.PostAsJsonAsync($"/api/v1/professionals/{id}/notes", new { text = "Private remark" }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Nosy Co");
        using var company = app.WithApiKey(key);

        var read = await company.GetAsync($"/api/v1/professionals/{id}/notes");
        Assert.Equal(HttpStatusCode.Forbidden, read.StatusCode);
        Assert.DoesNotContain("Private remark", await read.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await company.PostAsJsonAsync($"/api/v1/professionals/{id}/notes", new { text = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await company.DeleteAsync($"/api/v1/professionals/{id}/notes/{note}")).StatusCode);
        Assert.Equal(1, await app.CountAsync("professional_notes", $"professional_id = '{id}'"));
    }
}
