using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>Notes on the candidate page, through the same write path as the API; a bad note keeps the text and says why.</summary>
public sealed class CandidateNotesPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private async Task<Guid> ProfessionalAsync()
    {
        using var staff = await app.RecruiterAsync();
        var response = await staff.PostAsJsonAsync("/api/v1/professionals", Samples.Professional());
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task A_note_added_on_the_candidate_page_shows_newest_first_and_its_author_can_delete_it()
    {
        var id = await ProfessionalAsync();
        using var recruiter = await PageClient.RecruiterAsync(app);

        var page = await recruiter.GetHtmlAsync($"/Candidates/Details/{id}");
        Assert.Contains("id=\"notes\"", page, StringComparison.Ordinal);
        var first = await recruiter.SubmitAsync($"/Candidates/Notes/{id}", new() { ["Text"] = "Older note" });
        var after = await recruiter.SubmitAsync($"/Candidates/Notes/{id}", new() { ["Text"] = "Newer note" });
        Assert.Contains("Older note", first, StringComparison.Ordinal);
        Assert.True(after.IndexOf("Newer note", StringComparison.Ordinal) < after.IndexOf("Older note", StringComparison.Ordinal), "newest first");

        var noteId = (await app.QueryAsync($"SELECT id FROM professional_notes WHERE professional_id = '{id}' AND text = 'Older note'"))[0][0];
        var deleted = await recruiter.PostFormAsync($"/Candidates/Notes/{id}?handler=Delete&noteId={noteId}", [], $"/Candidates/Details/{id}");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal(1, await app.CountAsync("professional_notes", $"professional_id = '{id}'"));
    }

    [Fact]
    public async Task A_note_over_4000_characters_is_refused_on_the_page_and_nothing_is_written()
    {
        var id = await ProfessionalAsync();
        using var recruiter = await PageClient.RecruiterAsync(app);
        var response = await recruiter.PostFormAsync($"/Candidates/Notes/{id}", new() { ["Text"] = new string('y', 4001) });
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("At most 4,000 characters.", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAsync("professional_notes", $"professional_id = '{id}'"));
    }
}
