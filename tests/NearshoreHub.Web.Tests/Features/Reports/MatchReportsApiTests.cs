using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Matching;

/// <summary>Match reports: frozen by staff, reviewed by admins, read by a company only when approved and its own.</summary>
public sealed class MatchReportsApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private sealed record Setup(Guid CompanyId, string Key, Guid ProjectId, List<(Guid Id, string Email, decimal Rate)> People);

    /// <summary>A company with a key, a project of its own needing <paramref name="skill"/>, and three professionals with distinctive rates.</summary>
    private async Task<Setup> SetupAsync(HttpClient staff, string skill, string company)
    {
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync(company);
        var people = new List<(Guid, string, decimal)>();
        foreach (var rate in new[] { 41.37m, 47.83m, 58.19m })
        {
            var email = $"Report.Person.{Guid.NewGuid():N}@Example.com";
            var id = await CreateProfessionalAsync(staff, Professional(skill, 4, p =>
            {
                p["email"] = email;
                p["hourlyRateUsd"] = rate;
            }));
            people.Add((id, email, rate));
        }

        var project = await CreateProjectAsync(staff, Project(companyId, skill));
        return new Setup(companyId, key, project, people);
    }

    private static async Task<JsonElement> CreateReportAsync(HttpClient staff, Guid project, int limit = 20)
    {
        var response = await staff.PostAsJsonAsync($"/api/v1/projects/{project}/match-reports", new { limit });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        Assert.NotNull(response.Headers.Location);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> ReviewAsync(HttpClient client, Guid report, string decision, string notes) =>
        await client.PostAsJsonAsync($"/api/v1/match-reports/{report}/review", new { decision, notes });

    [Fact]
    public async Task Staff_freeze_a_pending_report_that_later_professional_changes_do_not_alter()
    {
        using var staff = await app.RecruiterAsync();
        var setup = await SetupAsync(staff, "Clojure", "Frozen Co");
        var live = await MatchesAsync(staff, setup.ProjectId, "limit=2");

        var report = await CreateReportAsync(staff, setup.ProjectId, 2);

        var id = report.GetProperty("id").GetGuid();
        Assert.Equal(setup.ProjectId, report.GetProperty("projectId").GetGuid());
        Assert.Equal("pendingReview", report.GetProperty("review").GetProperty("status").GetString());
        Assert.Equal(2, report.GetProperty("limit").GetInt32());
        Assert.Equal(3, report.GetProperty("eligibleCount").GetInt32());
        Assert.Equal(NearshoreApiFactory.RecruiterEmail, report.GetProperty("createdBy").GetString(), ignoreCase: true);
        Assert.Equal(Ids(live), Ids(report.GetProperty("ranking")));
        var frozen = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/match-reports/{id}")).GetProperty("ranking").GetRawText();

        // Change the ranking underneath: the top candidate leaves, another becomes expensive.
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/professionals/{Ids(live)[0]}")).StatusCode);
        var second = setup.People.Single(p => p.Id == Ids(live)[1]);
        await UpdateProfessionalAsync(staff, second.Id, Professional("Clojure", 4, p => p["hourlyRateUsd"] = 99m));
        Assert.NotEqual(Ids(live), Ids(await MatchesAsync(staff, setup.ProjectId, "limit=2")));

        var reread = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/match-reports/{id}");
        Assert.Equal(frozen, reread.GetProperty("ranking").GetRawText());
        Assert.Equal(3, reread.GetProperty("eligibleCount").GetInt32());
    }

    [Fact]
    public async Task Reports_are_listed_per_project_and_in_a_review_queue_with_pending_first()
    {
        using var staff = await app.RecruiterAsync();
        using var admin = await app.AdminAsync();
        var setup = await SetupAsync(staff, "Scala", "Queue Co");
        var first = (await CreateReportAsync(staff, setup.ProjectId)).GetProperty("id").GetGuid();
        var second = (await CreateReportAsync(staff, setup.ProjectId)).GetProperty("id").GetGuid();
        var third = (await CreateReportAsync(staff, setup.ProjectId)).GetProperty("id").GetGuid();
        (await ReviewAsync(admin, second, "approved", "ok")).EnsureSuccessStatusCode();

        var forProject = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{setup.ProjectId}/match-reports");
        var queue = await staff.GetFromJsonAsync<JsonElement>("/api/v1/match-reports?limit=200");
        var approvedOnly = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{setup.ProjectId}/match-reports?status=approved");

        Assert.Equal(3, forProject.GetProperty("total").GetInt32());
        Assert.Equal([third, first, second], forProject.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        var statuses = queue.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("review").GetProperty("status").GetString()).ToList();
        Assert.Equal(statuses.OrderBy(s => s == "pendingReview" ? 0 : 1), statuses);
        Assert.Contains(first, queue.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal([second], approvedOnly.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        var pendingQueue = await staff.GetFromJsonAsync<JsonElement>("/api/v1/match-reports?status=pendingReview&limit=200");
        Assert.All(pendingQueue.GetProperty("items").EnumerateArray(), r => Assert.Equal("pendingReview", r.GetProperty("review").GetProperty("status").GetString()));
        Assert.Contains(third, pendingQueue.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        var badStatus = await staff.GetAsync("/api/v1/match-reports?status=later");
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.Equal(["status"], (await badStatus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Only_admins_review_and_a_review_is_final()
    {
        using var staff = await app.RecruiterAsync();
        using var admin = await app.AdminAsync();
        var setup = await SetupAsync(staff, "Perl", "Review Co");
        var approved = (await CreateReportAsync(staff, setup.ProjectId)).GetProperty("id").GetGuid();
        var rejected = (await CreateReportAsync(staff, setup.ProjectId)).GetProperty("id").GetGuid();
        using var company = app.WithApiKey(setup.Key);

        Assert.Equal(HttpStatusCode.Forbidden, (await ReviewAsync(staff, approved, "approved", "recruiters may not")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReviewAsync(company, approved, "approved", "nor companies")).StatusCode);
        var bad = await ReviewAsync(admin, approved, "maybe", "");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(["decision"], (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await ReviewAsync(admin, Guid.NewGuid(), "approved", "")).StatusCode);

        var ok = await ReviewAsync(admin, approved, "approved", "  Strong shortlist.  ");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var review = (await ok.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("review");
        Assert.Equal("approved", review.GetProperty("status").GetString());
        Assert.Equal("Strong shortlist.", review.GetProperty("notes").GetString());
        Assert.Equal(NearshoreApiFactory.AdminEmail, review.GetProperty("reviewer").GetString(), ignoreCase: true);
        Assert.NotEqual(JsonValueKind.Null, review.GetProperty("reviewedAt").ValueKind);

        var no = await ReviewAsync(admin, rejected, "rejected", "Too few small-city candidates.");
        Assert.Equal("rejected", (await no.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("review").GetProperty("status").GetString());

        var again = await ReviewAsync(admin, approved, "rejected", "changed my mind");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Conflict, (await ReviewAsync(admin, rejected, "approved", "")).StatusCode);
        var stored = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/match-reports/{approved}");
        Assert.Equal("approved", stored.GetProperty("review").GetProperty("status").GetString());
        Assert.Equal("Strong shortlist.", stored.GetProperty("review").GetProperty("notes").GetString());
    }

    [Fact]
    public async Task Simultaneous_reviews_give_one_decision_and_conflicts_for_the_rest()
    {
        using var staff = await app.RecruiterAsync();
        var setup = await SetupAsync(staff, "Elm", "Race Co");
        var report = (await CreateReportAsync(staff, setup.ProjectId)).GetProperty("id").GetGuid();
        var admins = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            admins.Add(await app.AdminAsync());
        }

        var responses = await Task.WhenAll(admins.Select((a, i) => ReviewAsync(a, report, i % 2 == 0 ? "approved" : "rejected", $"admin {i}")));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var winner = (await responses.Single(r => r.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("review");
        var stored = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/match-reports/{report}")).GetProperty("review");
        Assert.Equal(winner.GetRawText(), stored.GetRawText());
        admins.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task A_company_reads_only_approved_reports_of_its_own_projects()
    {
        using var staff = await app.RecruiterAsync();
        using var admin = await app.AdminAsync();
        var mine = await SetupAsync(staff, "Kotlin", "Mine Co");
        var theirs = await SetupAsync(staff, "Dart", "Theirs Co");
        var approved = (await CreateReportAsync(staff, mine.ProjectId)).GetProperty("id").GetGuid();
        var pending = (await CreateReportAsync(staff, mine.ProjectId)).GetProperty("id").GetGuid();
        var rejected = (await CreateReportAsync(staff, mine.ProjectId)).GetProperty("id").GetGuid();
        var othersApproved = (await CreateReportAsync(staff, theirs.ProjectId)).GetProperty("id").GetGuid();
        (await ReviewAsync(admin, approved, "approved", "Good")).EnsureSuccessStatusCode();
        (await ReviewAsync(admin, rejected, "rejected", "No")).EnsureSuccessStatusCode();
        (await ReviewAsync(admin, othersApproved, "approved", "Good")).EnsureSuccessStatusCode();
        using var company = app.WithApiKey(mine.Key);

        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync($"/api/v1/match-reports/{approved}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await company.GetAsync($"/api/v1/match-reports/{pending}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await company.GetAsync($"/api/v1/match-reports/{rejected}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await company.GetAsync($"/api/v1/match-reports/{othersApproved}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await company.GetAsync($"/api/v1/projects/{theirs.ProjectId}/match-reports")).StatusCode);
        var list = await company.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{mine.ProjectId}/match-reports");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal([approved], list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));

        // Staff-only doors stay shut to a company, even for its own project.
        Assert.Equal(HttpStatusCode.Forbidden, (await company.GetAsync("/api/v1/match-reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await company.PostAsJsonAsync($"/api/v1/projects/{mine.ProjectId}/match-reports", new { limit = 5 })).StatusCode);
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/match-reports/{approved}")).StatusCode);
    }

    /// <summary>Every number and string anywhere in a JSON document; numbers without trailing zeros (41.370 → 41.37).</summary>
    private static IEnumerable<string> Values(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Values(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Values),
        JsonValueKind.Number => [element.GetDecimal().ToString("G29", CultureInfo.InvariantCulture)],
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };

    [Fact]
    public async Task A_companys_view_never_contains_a_professionals_email_or_rate()
    {
        using var staff = await app.RecruiterAsync();
        using var admin = await app.AdminAsync();
        var setup = await SetupAsync(staff, "Julia", "Privacy Co");
        var report = (await CreateReportAsync(staff, setup.ProjectId)).GetProperty("id").GetGuid();
        (await ReviewAsync(admin, report, "approved", "Fine")).EnsureSuccessStatusCode();
        using var company = app.WithApiKey(setup.Key);

        var single = await company.GetAsync($"/api/v1/match-reports/{report}");
        var list = await company.GetAsync($"/api/v1/projects/{setup.ProjectId}/match-reports");

        Assert.Equal(HttpStatusCode.OK, single.StatusCode);
        var texts = new[] { await single.Content.ReadAsStringAsync(), await list.Content.ReadAsStringAsync() };
        var ranking = JsonDocument.Parse(texts[0]).RootElement.GetProperty("ranking");
        Assert.Equal(setup.People.Select(p => p.Id).Order(), Ids(ranking).Order());
        foreach (var text in texts)
        {
            Assert.DoesNotContain("email", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("hourlyRate", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("@example.com", text, StringComparison.OrdinalIgnoreCase);
            foreach (var person in setup.People)
            {
                Assert.DoesNotContain(person.Email, text, StringComparison.OrdinalIgnoreCase);

                // As a value, not a substring: "41.37" may well be part of a timestamp such as 05:46:41.376Z.
                Assert.DoesNotContain(Values(JsonDocument.Parse(text).RootElement), v => v == person.Rate.ToString("G29", CultureInfo.InvariantCulture));
            }

            // Nor the staff who made or reviewed it.
            Assert.DoesNotContain(NearshoreApiFactory.RecruiterEmail, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(NearshoreApiFactory.AdminEmail, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Report_creation_replays_for_the_same_Idempotency_Key()
    {
        using var staff = await app.RecruiterAsync();
        var setup = await SetupAsync(staff, "Lua", "Replay Co");
        var key = Guid.NewGuid().ToString();

        async Task<HttpResponseMessage> PostAsync(int limit)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/projects/{setup.ProjectId}/match-reports") { Content = JsonContent.Create(new { limit }) };
            request.Headers.Add("Idempotency-Key", key);
            return await staff.SendAsync(request);
        }

        var first = await PostAsync(10);
        var replay = await PostAsync(10);
        var otherBody = await PostAsync(11);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await replay.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, otherBody.StatusCode);
        var list = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{setup.ProjectId}/match-reports");
        Assert.Equal(1, list.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task A_report_limit_outside_1_to_200_is_a_400(int limit)
    {
        using var staff = await app.RecruiterAsync();
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Limit Co");
        var project = await CreateProjectAsync(staff, Project(companyId, "Erlang"));

        var response = await staff.PostAsJsonAsync($"/api/v1/projects/{project}/match-reports", new { limit });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["limit"], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Unknown_projects_and_reports_are_404()
    {
        using var staff = await app.RecruiterAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await staff.PostAsJsonAsync($"/api/v1/projects/{Guid.NewGuid()}/match-reports", new { limit = 5 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/match-reports")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/match-reports/{Guid.NewGuid()}")).StatusCode);
    }
}
