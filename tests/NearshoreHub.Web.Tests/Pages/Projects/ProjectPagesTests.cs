using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Pages;

public sealed partial class ProjectPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private static Dictionary<string, string> ProjectForm(Guid companyId, string title) => new Dictionary<string, string>
    {
        ["Input.CompanyId"] = companyId.ToString(),
        ["Input.Title"] = title,
        ["Input.Description"] = "Checkout and ledgers",
        ["Input.Status"] = "0",
        ["Input.Headcount"] = "2",
        ["Input.TimeZone"] = "America/New_York",
        ["Input.CoreStart"] = "09:00",
        ["Input.CoreEnd"] = "17:00",
        ["Input.WorkingDays"] = "Mon",
        ["Input.MinOverlapHours"] = "4",
        ["Input.StartDate"] = "2027-03-01",
        ["Input.DurationWeeks"] = "12",
        ["Input.Skills[0].Skill"] = "csharp",
        ["Input.Skills[0].MinLevel"] = "4",
        ["Input.Skills[0].Required"] = "true",
        ["Input.Skills[3].Skill"] = "postgres",
        ["Input.Skills[3].MinLevel"] = "3",
        ["Input.Skills[3].Weight"] = "2",
    }.WithEmptyRows("Input.Skills", 8, "Skill");

    [Fact]
    public async Task Recruiter_creates_a_project_from_skill_rows_and_empty_rows_are_ignored()
    {
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Initech Pages");
        using var recruiter = await PageClient.RecruiterAsync(app);

        var created = await recruiter.PostFormAsync("/Projects/Create", ProjectForm(companyId, "Ledger rewrite"));

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var project = await app.WithDbAsync(db => db.Projects.Include(p => p.Skills).SingleAsync(p => p.Title == "Ledger rewrite"));
        Assert.Equal(companyId, project.CompanyId);
        Assert.Equal(2, project.Skills.Count);
        Assert.Equal(1, project.WorkDays);
        var details = await recruiter.GetHtmlAsync(created.Headers.Location!.ToString());
        Assert.Contains("C#", details, StringComparison.Ordinal);
        Assert.Contains("PostgreSQL", details, StringComparison.Ordinal);
        Assert.Contains("Initech Pages", details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Project_form_puts_an_unknown_skill_message_on_its_own_row_and_keeps_every_row()
    {
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Hooli Pages");
        using var recruiter = await PageClient.RecruiterAsync(app);
        var form = ProjectForm(companyId, "Search relaunch");
        form["Input.Skills[3].Skill"] = "postgrez";
        form["Input.CoreStart"] = "18:00";

        var response = await recruiter.PostFormAsync("/Projects/Create", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(UnknownSkillOnRowFour(), html);
        Assert.Matches(CoreHoursError(), html);
        Assert.Contains("value=\"postgrez\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"csharp\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Search relaunch\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Projects.AnyAsync(p => p.Title == "Search relaunch")));
    }

    [Fact]
    public async Task Editing_a_project_that_changed_meanwhile_is_refused_without_losing_the_edit()
    {
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Umbrella Pages");
        using var recruiter = await PageClient.RecruiterAsync(app);
        var created = await recruiter.PostFormAsync("/Projects/Create", ProjectForm(companyId, "Vaccine portal"));
        var id = created.Headers.Location!.ToString().Split('/')[^1];
        var editHtml = await recruiter.GetHtmlAsync($"/Projects/Edit/{id}");
        var version = VersionField().Match(editHtml).Groups[1].Value;

        var form = ProjectForm(companyId, "Vaccine portal v2");
        form["Input.Version"] = version;
        Assert.Equal(HttpStatusCode.Redirect, (await recruiter.PostFormAsync($"/Projects/Edit/{id}", form)).StatusCode);

        form["Input.Title"] = "Vaccine portal v3";
        var stale = await recruiter.PostFormAsync($"/Projects/Edit/{id}", form);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("Someone else changed this project", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Vaccine portal v3\"", html, StringComparison.Ordinal);
        Assert.Equal("Vaccine portal v2", await app.WithDbAsync(db => db.Projects.Where(p => p.Id == Guid.Parse(id)).Select(p => p.Title).SingleAsync()));
    }

    [Fact]
    public async Task Recruiter_shortlists_a_candidate_and_moves_them_through_statuses()
    {
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Stark Pages");
        using var api = await app.AdminAsync();
        var professional = await (await api.PostAsJsonAsync("/api/v1/professionals", Samples.Professional())).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var professionalId = professional.GetProperty("id").GetGuid();
        using var recruiter = await PageClient.RecruiterAsync(app);
        var created = await recruiter.PostFormAsync("/Projects/Create", ProjectForm(companyId, "Armour telemetry"));
        var projectUrl = created.Headers.Location!.ToString();
        var projectId = Guid.Parse(projectUrl.Split('/')[^1]);

        var candidate = await recruiter.GetHtmlAsync($"/Candidates/Details/{professionalId}");
        Assert.Contains("Ana Souza", candidate, StringComparison.Ordinal);
        Assert.Contains("Campina Grande", candidate, StringComparison.Ordinal);
        Assert.Contains("Armour telemetry", candidate, StringComparison.Ordinal);

        var added = await recruiter.PostFormAsync($"/Candidates/Details/{professionalId}?handler=Shortlist", new() { ["projectId"] = projectId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        var again = await recruiter.PostFormAsync($"{projectUrl}?handler=Shortlist", new() { ["professionalId"] = professionalId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var moved = await recruiter.PostFormAsync($"{projectUrl}?handler=ShortlistStatus", new() { ["professionalId"] = professionalId.ToString(), ["status"] = "Interviewing" });
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);

        var entry = await app.WithDbAsync(db => db.ShortlistEntries.SingleAsync(s => s.ProjectId == projectId));
        Assert.Equal(professionalId, entry.ProfessionalId);
        Assert.Equal(ShortlistStatus.Interviewing, entry.Status);
        Assert.Equal(NearshoreApiFactory.RecruiterEmail, entry.AddedBy);
        var page = await recruiter.GetHtmlAsync(projectUrl);
        Assert.Contains("Ana Souza", page, StringComparison.Ordinal);
        Assert.Matches(SelectedInterviewing(), page);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Target == $"{projectId}/{professionalId}").Select(e => e.Action).ToListAsync());
        Assert.Equal(["shortlist.add", "shortlist.status"], actions.Order());
    }

    [Fact]
    public async Task Project_list_filters_by_company_and_status()
    {
        var (first, _, _) = await app.CreateCompanyWithKeyAsync("Filter One");
        var (second, _, _) = await app.CreateCompanyWithKeyAsync("Filter Two");
        using var recruiter = await PageClient.RecruiterAsync(app);
        await recruiter.SubmitAsync("/Projects/Create", ProjectForm(first, "Alpha filtered"));
        var closed = ProjectForm(second, "Beta filtered");
        closed["Input.Status"] = "2";
        await recruiter.SubmitAsync("/Projects/Create", closed);

        var byCompany = await recruiter.GetHtmlAsync($"/Projects?companyId={first}");
        var byStatus = await recruiter.GetHtmlAsync("/Projects?status=Closed&q=filtered");

        Assert.Contains("Alpha filtered", byCompany, StringComparison.Ordinal);
        Assert.DoesNotContain("Beta filtered", byCompany, StringComparison.Ordinal);
        Assert.Contains("Beta filtered", byStatus, StringComparison.Ordinal);
        Assert.DoesNotContain("Alpha filtered", byStatus, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_candidate_and_project_are_not_found()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);

        Assert.Equal(HttpStatusCode.NotFound, (await recruiter.GetAsync($"/Candidates/Details/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await recruiter.GetAsync($"/Projects/Details/{Guid.NewGuid()}")).StatusCode);
    }

    [GeneratedRegex("data-valmsg-for=\"Input.Skills\\[3\\].Skill\"[^>]*>Unknown skill &#x27;postgrez&#x27;")]
    private static partial Regex UnknownSkillOnRowFour();

    [GeneratedRegex("data-valmsg-for=\"Input.CoreStart\"[^>]*>The start must be before the end.")]
    private static partial Regex CoreHoursError();

    [GeneratedRegex("name=\"Input.Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionField();

    [GeneratedRegex("<option selected=\"selected\" value=\"Interviewing\">interviewing</option>|<option value=\"Interviewing\" selected=\"selected\">interviewing</option>")]
    private static partial Regex SelectedInterviewing();
}
