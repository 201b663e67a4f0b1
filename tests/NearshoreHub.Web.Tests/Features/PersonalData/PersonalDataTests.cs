using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Pages;
using NearshoreHub.Web.Tests.Security;
using Npgsql;

namespace NearshoreHub.Web.Tests.Features.PersonalData;

/// <summary>
/// Personal data (product.md §14): the export holds everything about a person; after erasure no table (a real
/// pg_dump of the database), log line or export names them, while frozen reports keep their ranks and scores.
/// </summary>
public sealed class PersonalDataTests(LogCapturingApiFactory app) : IClassFixture<LogCapturingApiFactory>
{
    private static readonly string[] KeptFields = ["country", "citySize", "isRural", "timeZone", "seniority"];

    [Fact]
    public async Task The_export_writes_statuses_as_the_api_document_names_them()
    {
        var (id, _, _, _, _) = await PersonWithHistoryAsync();
        using var admin = await app.AdminAsync();

        var export = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{id}/personal-data");

        // ShortlistStatus and ReviewStatus in the document: camelCase names, as every other enum of the API.
        Assert.Equal("proposed", export.GetProperty("shortlistEntries")[0].GetProperty("status").GetString());
        Assert.All(export.GetProperty("reportEntries").EnumerateArray(),
            e => Assert.Contains(e.GetProperty("reviewStatus").GetString(), new[] { "pendingReview", "approved", "rejected" }));
    }

    [Fact]
    public async Task The_export_holds_the_profile_skills_shortlist_entries_report_entries_and_audit_entries()
    {
        var (id, _, email, projectId, reports) = await PersonWithHistoryAsync();
        using var admin = await app.AdminAsync();

        var export = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{id}/personal-data");

        Assert.Equal(email, export.GetProperty("profile").GetProperty("email").GetString());
        Assert.Equal(2, export.GetProperty("skills").GetArrayLength());
        Assert.Equal(projectId, export.GetProperty("shortlistEntries")[0].GetProperty("projectId").GetGuid());
        Assert.Equal(reports.Order(), export.GetProperty("reportEntries").EnumerateArray().Select(e => e.GetProperty("reportId").GetGuid()).Order());
        Assert.Contains(export.GetProperty("auditEntries").EnumerateArray(), a => a.GetProperty("action").GetString() == "professional.create");
        Assert.Contains(export.GetProperty("auditEntries").EnumerateArray(), a => a.GetProperty("action").GetString() == "shortlist.add");

        using var recruiter = await app.RecruiterAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync($"/api/v1/professionals/{id}/personal-data")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/professionals/{Guid.NewGuid()}/personal-data")).StatusCode);
    }

    [Fact]
    public async Task After_erasure_no_table_log_or_export_names_the_person_and_reports_keep_ranks_scores_and_representation()
    {
        var (id, name, email, _, reports) = await PersonWithHistoryAsync();
        using var admin = await app.AdminAsync();
        var before = new Dictionary<Guid, (JsonElement Entry, JsonElement Representation)>();
        foreach (var report in reports)
        {
            before[report] = await EntryAsync(admin, report, e => e.GetProperty("professional").GetProperty("id").GetGuid() == id);
        }

        (await admin.PostAsJsonAsync($"/api/v1/professionals/{id}/notes", new { text = $"Called {name} at {email}" })).EnsureSuccessStatusCode();
        var held = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{id}/personal-data");
        Assert.Contains(held.GetProperty("notes").EnumerateArray(), n => n.GetProperty("text").GetString()!.Contains(email, StringComparison.Ordinal));
        Assert.Contains(name, await DumpAsync(), StringComparison.Ordinal);

        var erased = await admin.PostAsJsonAsync($"/api/v1/professionals/{id}/erasure", new { reason = $"LGPD request from {name} <{email}>" });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var result = await erased.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, result.GetProperty("partsDeleted").GetProperty("notes").GetInt32());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/professionals/{id}")).StatusCode);
        Guid? pseudonym = null;
        foreach (var report in reports)
        {
            var (entry, representation) = await EntryAsync(admin, report, e => e.GetProperty("professional").GetProperty("fullName").GetString() == "Erased professional");
            var professional = entry.GetProperty("professional");
            var was = before[report].Entry;
            Assert.NotEqual(id, professional.GetProperty("id").GetGuid());
            Assert.Equal(pseudonym ??= professional.GetProperty("id").GetGuid(), professional.GetProperty("id").GetGuid());
            Assert.True(!professional.TryGetProperty("city", out var city) || city.ValueKind == JsonValueKind.Null, "the city is still there");
            foreach (var field in new[] { "rank", "score", "breakdown", "overlap" })
            {
                Assert.Equal(was.GetProperty(field).GetRawText(), entry.GetProperty(field).GetRawText());
            }

            foreach (var field in KeptFields)
            {
                Assert.Equal(was.GetProperty("professional").GetProperty(field).GetRawText(), professional.GetProperty(field).GetRawText());
            }

            Assert.Equal(before[report].Representation.GetRawText(), representation.GetRawText());
            var csv = await admin.GetStringAsync($"/api/v1/match-reports/{report}/export");
            Assert.DoesNotContain(name, csv, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(email, csv, StringComparison.OrdinalIgnoreCase);
        }

        var dump = await DumpAsync();
        Assert.DoesNotContain(name, dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(email, dump, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Uri.EscapeDataString(name), dump, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("professional.erasure", dump, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Events, e => CapturedLogs.Text(e).Contains(name, StringComparison.OrdinalIgnoreCase)
            || CapturedLogs.Text(e).Contains(email, StringComparison.OrdinalIgnoreCase));
        var export = await admin.GetStringAsync("/api/v1/professionals/export");
        Assert.DoesNotContain(email, export, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/v1/professionals/{id}/erasure", new { reason = "again" })).StatusCode);
    }

    [Fact]
    public async Task Erasure_needs_a_reason_and_an_admin()
    {
        var (id, _, _, _, _) = await PersonWithHistoryAsync(reports: 0);
        using var admin = await app.AdminAsync();
        using var recruiter = await app.RecruiterAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.PostAsJsonAsync($"/api/v1/professionals/{id}/erasure", new { reason = "no" })).StatusCode);
        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync($"/api/v1/professionals/{id}/erasure", new { reason = "" }), "reason");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/professionals/{id}")).StatusCode);
    }

    /// <summary>A professional created with an Idempotency-Key (a stored body names them), searched for by name,
    /// shortlisted, and ranked in frozen reports.</summary>
    private async Task<(Guid Id, string Name, string Email, Guid ProjectId, List<Guid> Reports)> PersonWithHistoryAsync(int reports = 2)
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var name = $"Quillon Erasmo {suffix}";
        var email = $"quillon.{suffix}@erasure.example";
        using var admin = await app.AdminAsync();
        var body = Samples.Professional(email);
        body["fullName"] = name;
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/professionals") { Content = JsonContent.Create(body, options: NearshoreApiFactory.Json) };
        create.Headers.Add("Idempotency-Key", "erasure-" + suffix);
        var created = await admin.SendAsync(create);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/professionals/export?q={Uri.EscapeDataString(name)}")).StatusCode);

        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Erasure Co " + suffix);
        var project = await (await admin.PostAsJsonAsync("/api/v1/projects", Samples.Project(companyId), NearshoreApiFactory.Json)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        var projectId = project.GetProperty("id").GetGuid();
        using (var browser = await PageClient.RecruiterAsync(app))
        {
            var shortlisted = await browser.PostFormAsync($"/Candidates/Details/{id}?handler=Shortlist", new() { ["projectId"] = projectId.ToString() });
            Assert.Equal(HttpStatusCode.Redirect, shortlisted.StatusCode);
        }

        var reportIds = new List<Guid>();
        for (var i = 0; i < reports; i++)
        {
            var report = await (await admin.PostAsJsonAsync($"/api/v1/projects/{projectId}/match-reports", new { limit = 50 })).EnsureSuccessStatusCode()
                .Content.ReadFromJsonAsync<JsonElement>();
            var reportId = report.GetProperty("id").GetGuid();
            Assert.Contains(id.ToString(), report.GetRawText(), StringComparison.Ordinal);
            reportIds.Add(reportId);
        }

        return (id, name, email, projectId, reportIds);
    }

    private static async Task<(JsonElement Entry, JsonElement Representation)> EntryAsync(HttpClient admin, Guid report, Func<JsonElement, bool> which)
    {
        var body = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/match-reports/{report}");
        var ranking = body.GetProperty("ranking");
        return (ranking.GetProperty("items").EnumerateArray().Single(which), ranking.GetProperty("representation"));
    }

    /// <summary>A real pg_dump of the test database, data and schema, as text.</summary>
    private async Task<string> DumpAsync()
    {
        var connection = new NpgsqlConnectionStringBuilder(app.ConnectionString);
        var start = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pg_dump")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--host", connection.Host!, "--port", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--username", connection.Username!, "--no-password", "--dbname", connection.Database! })
        {
            start.ArgumentList.Add(argument);
        }

        if (!string.IsNullOrEmpty(connection.Password))
        {
            start.Environment["PGPASSWORD"] = connection.Password;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "pg_dump failed: " + await error);
        var dump = await output;
        Assert.Contains("COPY public.professionals", dump, StringComparison.Ordinal);
        // bytea columns (stored request bodies) are dumped as hex: decode them so their text is searched too.
        var decoded = Regex.Matches(dump, @"\\x([0-9a-f]{6,})").Select(m => Encoding.UTF8.GetString(Convert.FromHexString(m.Groups[1].Value)));
        return dump + "\n" + string.Join("\n", decoded);
    }
}
