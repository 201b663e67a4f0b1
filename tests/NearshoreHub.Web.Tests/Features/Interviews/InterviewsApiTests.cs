using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Interviews;

/// <summary>Interview slots and booking (product spec §10), with their access rules and bad input.</summary>
public sealed class InterviewsApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private sealed record World(Guid CompanyId, string Key, string OtherKey, Guid Project, Guid SecondProject, Guid Professional, string Email);

    /// <summary>A company's two projects (NY 09–17) from 2027-04-19 and a professional in São Paulo (09–18, BR) in an approved report of the first.</summary>
    private async Task<World> WorldAsync(string skill, bool approve = true)
    {
        using var staff = await app.RecruiterAsync();
        using var admin = await app.AdminAsync();
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync($"{skill} Interviews Co");
        var (_, otherKey, _) = await app.CreateCompanyWithKeyAsync($"{skill} Other Co");
        var email = $"interview.{Guid.NewGuid():N}@example.com";
        var professional = await CreateProfessionalAsync(staff, Professional(skill, 5, p =>
        {
            p["timeZone"] = "America/Sao_Paulo";
            p["email"] = email;
        }));
        void Dates(Dictionary<string, object?> p)
        {
            p["startDate"] = "2027-04-19";
            p["durationWeeks"] = 4;
        }

        var project = await CreateProjectAsync(staff, Project(companyId, skill, Dates));
        var second = await CreateProjectAsync(staff, Project(companyId, skill, Dates));
        if (approve)
        {
            var report = await (await staff.PostAsJsonAsync($"/api/v1/projects/{project}/match-reports", new { limit = 10 })).EnsureSuccessStatusCode()
                .Content.ReadFromJsonAsync<JsonElement>();
            (await admin.PostAsJsonAsync($"/api/v1/match-reports/{report.GetProperty("id").GetGuid()}/review", new { decision = "approved", notes = "" }))
                .EnsureSuccessStatusCode();
        }

        return new World(companyId, key, otherKey, project, second, professional, email);
    }

    /// <summary>RFC 5545 folds long lines with CRLF and a space.</summary>
    private static string Unfold(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal);

    private static string Slots(Guid project, Guid professional, string query = "from=2027-04-19&days=5") =>
        $"/api/v1/projects/{project}/candidates/{professional}/interview-slots?{query}";

    [Fact]
    public async Task Slots_meet_both_windows_with_both_local_times_and_skip_Tiradentes()
    {
        var w = await WorldAsync("Clojure", approve: false);
        using var staff = await app.RecruiterAsync();
        var slots = await ApiAssert.JsonAsync(await staff.GetAsync(Slots(w.Project, w.Professional)), HttpStatusCode.OK);

        // NY 09:00–16:00 EDT starts (45 min inside 09–17), 15 a day; São Paulo 10:00–17:00 local, inside 09–18. Tiradentes (Wed) is off.
        var items = slots.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(60, slots.GetProperty("total").GetInt32());
        Assert.Equal(60, items.Count);
        Assert.Equal("2027-04-19T09:00", items[0].GetProperty("clientLocal").GetString());
        Assert.Equal("2027-04-19T10:00", items[0].GetProperty("professionalLocal").GetString());
        ApiAssert.IsUtcInstant(items[0].GetProperty("start"));
        Assert.Equal(DateTimeOffset.Parse("2027-04-19T13:00:00Z"), items[0].GetProperty("start").GetDateTimeOffset());
        Assert.Equal(DateTimeOffset.Parse("2027-04-19T13:45:00Z"), items[0].GetProperty("end").GetDateTimeOffset());
        Assert.Equal("2027-04-19T16:00", items[14].GetProperty("clientLocal").GetString());
        Assert.DoesNotContain(items, i => i.GetProperty("clientLocal").GetString()!.StartsWith("2027-04-21", StringComparison.Ordinal));

        await ApiAssert.ValidationProblemAsync(await staff.GetAsync(Slots(w.Project, w.Professional, "days=29")), "days");
        await ApiAssert.ValidationProblemAsync(await staff.GetAsync(Slots(w.Project, w.Professional, "minutes=10")), "minutes");
        await ApiAssert.ValidationProblemAsync(await staff.GetAsync(Slots(w.Project, w.Professional, "minutes=241")), "minutes");
        await ApiAssert.ValidationProblemAsync(await staff.GetAsync(Slots(w.Project, w.Professional, "from=2027-02-30")), "from");
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync(Slots(w.Project, Guid.NewGuid()))).StatusCode);
    }

    [Fact]
    public async Task Booking_moves_the_shortlist_to_interviewing_and_refuses_slots_not_offered_and_clashes()
    {
        var w = await WorldAsync("OCaml", approve: false);
        using var staff = await app.RecruiterAsync();
        var url = $"/api/v1/projects/{w.Project}/interviews";

        var notOffered = await ApiAssert.ProblemAsync(
            await staff.PostAsJsonAsync(url, new { professionalId = w.Professional, start = "2027-04-21T14:00:00Z", minutes = 45 }), HttpStatusCode.UnprocessableEntity);
        Assert.True(notOffered.GetProperty("errors").TryGetProperty("start", out var why), notOffered.GetRawText());
        Assert.Contains("holiday", why[0].GetString(), StringComparison.Ordinal);
        await ApiAssert.ProblemAsync(
            await staff.PostAsJsonAsync(url, new { professionalId = w.Professional, start = "2027-04-20T13:10:00Z", minutes = 45 }), HttpStatusCode.UnprocessableEntity);
        await ApiAssert.ValidationProblemAsync(await staff.PostAsJsonAsync(url, new { professionalId = w.Professional, start = "2027-04-20T13:00:00Z", minutes = 300 }), "minutes");
        await ApiAssert.ValidationProblemAsync(await staff.PostAsJsonAsync(url, new { start = "2027-04-20T13:00:00Z" }), "professionalId");
        Assert.Equal(0L, await app.CountAsync("interviews", $"professional_id = '{w.Professional}'"));
        Assert.Equal(0L, await app.CountAsync("shortlist_entries", $"professional_id = '{w.Professional}'"));

        var booked = await ApiAssert.JsonAsync(
            await staff.PostAsJsonAsync(url, new { professionalId = w.Professional, start = "2027-04-20T13:00:00Z", minutes = 60 }), HttpStatusCode.Created);
        Assert.Equal("scheduled", booked.GetProperty("status").GetString());
        Assert.Equal(DateTimeOffset.Parse("2027-04-20T14:00:00Z"), booked.GetProperty("end").GetDateTimeOffset());
        var rows = await app.QueryAsync($"SELECT status FROM shortlist_entries WHERE project_id = '{w.Project}' AND professional_id = '{w.Professional}'");
        Assert.Equal("Interviewing", Assert.Single(rows)[0]);
        var pipeline = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{w.Project}/pipeline");
        var entry = Assert.Single(pipeline.GetProperty("items").EnumerateArray());
        Assert.Equal("interviewing", entry.GetProperty("status").GetString());
        Assert.Equal(booked.GetProperty("id").GetGuid(), Assert.Single(entry.GetProperty("interviews").EnumerateArray()).GetProperty("id").GetGuid());

        // Overlapping 13:30–14:15 in another project of any company: 409, nothing written.
        await ApiAssert.ProblemAsync(
            await staff.PostAsJsonAsync($"/api/v1/projects/{w.SecondProject}/interviews", new { professionalId = w.Professional, start = "2027-04-20T13:30:00Z" }),
            HttpStatusCode.Conflict);
        Assert.Equal(1L, await app.CountAsync("interviews", $"professional_id = '{w.Professional}'"));

        // Slots stay offered after a booking; cancelling frees the time.
        var id = booked.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/interviews/{id}")).StatusCode);
        Assert.Equal("cancelled", (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/interviews/{id}")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Created,
            (await staff.PostAsJsonAsync($"/api/v1/projects/{w.SecondProject}/interviews", new { professionalId = w.Professional, start = "2027-04-20T13:30:00Z" })).StatusCode);
    }

    [Fact]
    public async Task A_company_reaches_only_professionals_of_its_approved_reports_and_never_sees_their_email()
    {
        var w = await WorldAsync("Scala");
        using var company = app.WithApiKey(w.Key);
        using var other = app.WithApiKey(w.OtherKey);
        using var staff = await app.RecruiterAsync();

        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync(Slots(w.Project, w.Professional))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await company.GetAsync(Slots(w.SecondProject, w.Professional))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(Slots(w.Project, w.Professional))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await company.PostAsJsonAsync($"/api/v1/projects/{w.SecondProject}/interviews", new { professionalId = w.Professional, start = "2027-04-22T14:00:00Z" })).StatusCode);

        (await company.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.example.com/interviews", events = new[] { "interview.scheduled", "interview.cancelled" } }))
            .EnsureSuccessStatusCode();
        var booked = await ApiAssert.JsonAsync(
            await company.PostAsJsonAsync($"/api/v1/projects/{w.Project}/interviews", new { professionalId = w.Professional, start = "2027-04-22T14:00:00Z" }),
            HttpStatusCode.Created);
        var id = booked.GetProperty("id").GetGuid();
        Assert.Equal(1L, await app.CountAsync("webhook_events", $"company_id = '{w.CompanyId}' AND type = 'interview.scheduled' AND payload::text LIKE '%{id}%'"));
        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync($"/api/v1/interviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/interviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/v1/interviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/interviews/{id}/calendar")).StatusCode);

        var ics = await company.GetAsync($"/api/v1/interviews/{id}/calendar");
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        var text = Unfold(await ics.Content.ReadAsStringAsync());
        Assert.Contains("BEGIN:VEVENT", text, StringComparison.Ordinal);
        Assert.Contains($"UID:{id}@nearshorehub", text, StringComparison.Ordinal);
        Assert.Contains("DTSTART:20270422T140000Z", text, StringComparison.Ordinal);
        Assert.Contains("DTEND:20270422T144500Z", text, StringComparison.Ordinal);
        Assert.Contains("DTSTAMP:", text, StringComparison.Ordinal);
        Assert.Contains("SUMMARY:", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("BEGIN:VEVENT").Length - 1);
        Assert.DoesNotContain(w.Email, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(w.Email, Unfold(await (await staff.GetAsync($"/api/v1/interviews/{id}/calendar")).Content.ReadAsStringAsync()), StringComparison.OrdinalIgnoreCase);

        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().GetAsync($"/api/v1/interviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await company.DeleteAsync($"/api/v1/interviews/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await company.DeleteAsync($"/api/v1/interviews/{id}")).StatusCode);
        Assert.Equal(1L, await app.CountAsync("webhook_events", $"company_id = '{w.CompanyId}' AND type = 'interview.cancelled'"));
        Assert.DoesNotContain(w.Email, string.Join("", (await app.QueryAsync($"SELECT payload::text FROM webhook_events WHERE company_id = '{w.CompanyId}'")).Select(r => r[0])),
            StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/interviews/{Guid.NewGuid()}")).StatusCode);
    }
}
