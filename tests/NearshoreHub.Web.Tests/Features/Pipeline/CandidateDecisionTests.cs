using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Features.Webhooks;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Features.Pipeline;

public sealed class CandidateDecisionTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private sealed record World(Guid CompanyId, string Key, Guid ProjectId, Guid ReportId, Guid Professional, Guid PendingReport);

    private async Task<World> WorldAsync(string name)
    {
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync(name);
        using var company = app.WithApiKey(key);
        var professional = await WebhookScenario.ProfessionalAsync(app);
        var projectId = await WebhookScenario.ProjectAsync(company);
        var report = await WebhookScenario.ReportAsync(app, projectId);
        var pending = await WebhookScenario.ReportAsync(app, projectId, decision: "");
        return new World(companyId, key, projectId, report, professional, pending);
    }

    private static Task<HttpResponseMessage> DecideAsync(HttpClient client, Guid report, Guid professional, string decision, string? reason = null) =>
        client.PostAsJsonAsync($"/api/v1/match-reports/{report}/candidates/{professional}/decision", new { decision, reason });

    [Fact]
    public async Task A_company_decision_moves_the_shortlist_entry_the_latest_stands_and_a_repeat_changes_nothing()
    {
        var world = await WorldAsync("Decider Co");
        using var company = app.WithApiKey(world.Key);

        var first = await ApiAssert.JsonAsync(await DecideAsync(company, world.ReportId, world.Professional, "interview", "Strong Postgres"), HttpStatusCode.OK);
        Assert.Equal("interviewing", first.GetProperty("status").GetString());
        Assert.Equal("interview", first.GetProperty("decision").GetString());

        var pipeline = await company.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{world.ProjectId}/pipeline");
        var item = Assert.Single(pipeline.GetProperty("items").EnumerateArray());
        Assert.Equal(world.Professional, item.GetProperty("professional").GetProperty("id").GetGuid());
        Assert.Equal("interviewing", item.GetProperty("status").GetString());
        Assert.Equal("company", item.GetProperty("decidedBy").GetProperty("kind").GetString());
        Assert.Equal("Decider Co", item.GetProperty("decidedBy").GetProperty("name").GetString());
        var updatedAt = item.GetProperty("updatedAt").GetString();

        var again = await ApiAssert.JsonAsync(await DecideAsync(company, world.ReportId, world.Professional, "interview"), HttpStatusCode.OK);
        Assert.Equal("interviewing", again.GetProperty("status").GetString());
        var after = (await company.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{world.ProjectId}/pipeline")).GetProperty("items")[0];
        Assert.Equal(updatedAt, after.GetProperty("updatedAt").GetString());
        Assert.Equal(1, await app.CountAsync("candidate_decisions", $"project_id = '{world.ProjectId}'"));

        var declined = await ApiAssert.JsonAsync(await DecideAsync(company, world.ReportId, world.Professional, "decline", "Went elsewhere"), HttpStatusCode.OK);
        Assert.Equal("rejected", declined.GetProperty("status").GetString());
        Assert.Equal(2, await app.CountAsync("candidate_decisions", $"project_id = '{world.ProjectId}'"));
        Assert.Equal(2, await app.CountAsync("audit_entries", $"action = 'candidate.decision' AND target = '{world.ProjectId}/{world.Professional}'"));
        // Audit entries hold ids, not the company's free text.
        Assert.Equal(0, await app.CountAsync("audit_entries", "details LIKE '%Went elsewhere%'"));

        // Recruiters see the decision on the pipeline too, with the company named.
        using var recruiter = await app.RecruiterAsync();
        var staffView = (await recruiter.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{world.ProjectId}/pipeline")).GetProperty("items")[0];
        Assert.Equal("rejected", staffView.GetProperty("status").GetString());
        Assert.Equal("company", staffView.GetProperty("decidedBy").GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_hired_candidate_cannot_be_moved_by_a_decision()
    {
        var world = await WorldAsync("Hired Co");
        using var company = app.WithApiKey(world.Key);
        (await DecideAsync(company, world.ReportId, world.Professional, "interview")).EnsureSuccessStatusCode();
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var hire = new Npgsql.NpgsqlCommand($"UPDATE shortlist_entries SET status = 'Hired' WHERE project_id = '{world.ProjectId}'", connection);
            await hire.ExecuteNonQueryAsync();
        }

        await ApiAssert.ProblemAsync(await DecideAsync(company, world.ReportId, world.Professional, "decline"), HttpStatusCode.Conflict);
        await ApiAssert.ProblemAsync(await DecideAsync(company, world.ReportId, world.Professional, "interview"), HttpStatusCode.Conflict);
        Assert.Equal(1, await app.CountAsync("shortlist_entries", $"project_id = '{world.ProjectId}' AND status = 'Hired'"));
    }

    [Fact]
    public async Task Decisions_outside_the_companys_approved_reports_are_404_staff_403_bad_input_400_and_nothing_is_written()
    {
        var world = await WorldAsync("Strict Co");
        var (_, otherKey, _) = await app.CreateCompanyWithKeyAsync("Other Co");
        using var company = app.WithApiKey(world.Key);
        using var other = app.WithApiKey(otherKey);
        using var recruiter = await app.RecruiterAsync();
        using var admin = await app.AdminAsync();

        await ApiAssert.ProblemAsync(await DecideAsync(company, world.PendingReport, world.Professional, "interview"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await DecideAsync(other, world.ReportId, world.Professional, "interview"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await DecideAsync(company, world.ReportId, Guid.NewGuid(), "interview"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await DecideAsync(company, Guid.NewGuid(), world.Professional, "interview"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await DecideAsync(recruiter, world.ReportId, world.Professional, "interview"), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await DecideAsync(admin, world.ReportId, world.Professional, "interview"), HttpStatusCode.Forbidden);
        await ApiAssert.ValidationProblemAsync(await DecideAsync(company, world.ReportId, world.Professional, "hire"), "decision");
        await ApiAssert.ValidationProblemAsync(await DecideAsync(company, world.ReportId, world.Professional, "interview", new string('x', 2001)), "reason");
        await ApiAssert.ProblemAsync(await NearshoreApiFactory.SendRawAsync(company, HttpMethod.Post,
            $"/api/v1/match-reports/{world.ReportId}/candidates/{world.Professional}/decision", "{\"decision\":"), HttpStatusCode.BadRequest);

        // A professional who exists but whom the report does not rank (created after it was frozen).
        var outsider = await WebhookScenario.ProfessionalAsync(app);
        Assert.DoesNotContain(outsider.ToString(), await company.GetStringAsync($"/api/v1/match-reports/{world.ReportId}"), StringComparison.Ordinal);
        await ApiAssert.ProblemAsync(await DecideAsync(company, world.ReportId, outsider, "interview"), HttpStatusCode.NotFound);

        Assert.Equal(0, await app.CountAsync("candidate_decisions", $"project_id = '{world.ProjectId}'"));
        Assert.Equal(0, await app.CountAsync("shortlist_entries", $"project_id = '{world.ProjectId}'"));
    }

    [Fact]
    public async Task The_pipeline_shows_a_company_only_professionals_of_its_approved_reports_without_contact_or_rate_and_others_get_404()
    {
        var world = await WorldAsync("Pipeline Co");
        var (_, otherKey, _) = await app.CreateCompanyWithKeyAsync("Pipeline Other");
        using var company = app.WithApiKey(world.Key);
        using var other = app.WithApiKey(otherKey);
        using var recruiter = await app.RecruiterAsync();

        // A recruiter shortlists someone the approved report never named (frozen before they existed).
        var later = await WebhookScenario.ProfessionalAsync(app, $"later.{Guid.NewGuid():N}@example.com");
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var add = new Npgsql.NpgsqlCommand(
                $"INSERT INTO shortlist_entries (project_id, professional_id, status, notes, added_by, added_at, updated_at, updated_by) VALUES ('{world.ProjectId}', '{later}', 'Proposed', '', 'recruiter@tests', now(), now(), 'recruiter@tests')",
                connection);
            await add.ExecuteNonQueryAsync();
        }

        (await DecideAsync(company, world.ReportId, world.Professional, "interview")).EnsureSuccessStatusCode();

        var staff = await recruiter.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{world.ProjectId}/pipeline");
        Assert.Equal(2, staff.GetProperty("total").GetInt32());
        var staffEntry = staff.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("professional").GetProperty("id").GetGuid() == later);
        Assert.Equal("staff", staffEntry.GetProperty("decidedBy").GetProperty("kind").GetString());

        var text = await company.GetStringAsync($"/api/v1/projects/{world.ProjectId}/pipeline");
        var mine = JsonDocument.Parse(text).RootElement;
        Assert.Equal(1, mine.GetProperty("total").GetInt32());
        Assert.Equal(world.Professional, mine.GetProperty("items")[0].GetProperty("professional").GetProperty("id").GetGuid());
        Assert.DoesNotContain("@", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hourlyRate", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("45.5", text, StringComparison.Ordinal);

        await ApiAssert.ProblemAsync(await other.GetAsync($"/api/v1/projects/{world.ProjectId}/pipeline"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await company.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/pipeline"), HttpStatusCode.NotFound);
        await ApiAssert.ValidationProblemAsync(await company.GetAsync($"/api/v1/projects/{world.ProjectId}/pipeline?limit=201"), "limit");
    }
}
