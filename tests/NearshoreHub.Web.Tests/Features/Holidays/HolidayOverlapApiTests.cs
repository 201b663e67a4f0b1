using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Holidays;

/// <summary>Holidays in the calculator, the project's calendars, the ranking and frozen reports (product spec §9).</summary>
public sealed class HolidayOverlapApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private const string Calculator =
        "/api/v1/tools/overlap?clientTimeZone=America/New_York&clientStart=09:00&clientEnd=17:00"
        + "&professionalTimeZone=America/Sao_Paulo&professionalStart=09:00&professionalEnd=18:00&weeks=1";

    [Fact]
    public async Task The_calculator_counts_the_named_calendars_and_answers_as_before_without_them()
    {
        using var anonymous = app.Anonymous();
        var plain = await ApiAssert.JsonAsync(await anonymous.GetAsync(Calculator + "&from=2027-04-19"), HttpStatusCode.OK);
        Assert.Equal(8, plain.GetProperty("averageHours").GetDouble());
        Assert.Equal(8, plain.GetProperty("effectiveAverageHours").GetDouble());
        Assert.Empty(plain.GetProperty("holidays").EnumerateArray());

        var tiradentes = await ApiAssert.JsonAsync(await anonymous.GetAsync(Calculator + "&from=2027-04-19&clientHolidays=US&professionalHolidays=BR"), HttpStatusCode.OK);
        Assert.Equal(8, tiradentes.GetProperty("averageHours").GetDouble());
        Assert.Equal(6.4, tiradentes.GetProperty("effectiveAverageHours").GetDouble());
        Assert.Equal(5, tiradentes.GetProperty("clientWorkingDays").GetInt32());
        Assert.Equal(4, tiradentes.GetProperty("sharedDays").GetInt32());
        var hit = Assert.Single(tiradentes.GetProperty("holidays").EnumerateArray());
        Assert.Equal(("2027-04-21", "BR", "professional", "holiday"),
            (hit.GetProperty("date").GetString(), hit.GetProperty("country").GetString(), hit.GetProperty("side").GetString(), hit.GetProperty("kind").GetString()));
        Assert.Equal(0, tiradentes.GetProperty("days")[2].GetProperty("effectiveHours").GetDouble());

        // Thanksgiving 2027-11-25: NY 09–17 EST against São Paulo is 7 h, on 4 client working days.
        var thanksgiving = await ApiAssert.JsonAsync(await anonymous.GetAsync(Calculator + "&from=2027-11-22&clientHolidays=us"), HttpStatusCode.OK);
        Assert.Equal(4, thanksgiving.GetProperty("clientWorkingDays").GetInt32());
        Assert.Equal("client", thanksgiving.GetProperty("holidays")[0].GetProperty("side").GetString());
    }

    [Fact]
    public async Task The_calculator_refuses_unknown_calendars_and_dates_outside_the_shipped_years()
    {
        using var anonymous = app.Anonymous();
        await ApiAssert.ValidationProblemAsync(await anonymous.GetAsync(Calculator + "&from=2027-04-19&clientHolidays=US,ZZ"), "clientHolidays");
        await ApiAssert.ValidationProblemAsync(await anonymous.GetAsync(Calculator + "&from=2027-04-19&professionalHolidays=Brazil"), "professionalHolidays");
        await ApiAssert.ValidationProblemAsync(await anonymous.GetAsync(Calculator + "&from=2023-12-25&clientHolidays=US"), "from");
        await ApiAssert.ValidationProblemAsync(await anonymous.GetAsync(Calculator + "&from=2035-12-31&professionalHolidays=BR"), "from");
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(Calculator + "&from=2023-12-25")).StatusCode);
    }

    [Fact]
    public async Task Projects_observe_US_holidays_by_default_and_refuse_unknown_calendars()
    {
        using var staff = await app.RecruiterAsync();
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Calendar Co");
        var id = await CreateProjectAsync(staff, Project(companyId, "Haskell"));
        var read = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{id}");
        Assert.Equal(["US"], read.GetProperty("holidayCalendars").EnumerateArray().Select(c => c.GetString()));

        var before = await app.CountAsync("projects");
        var bad = await staff.PostAsJsonAsync("/api/v1/projects", Project(companyId, "Haskell", p => p["holidayCalendars"] = new[] { "US", "QQ" }));
        await ApiAssert.ValidationProblemAsync(bad, "holidayCalendars[1]");
        Assert.Equal(before, await app.CountAsync("projects"));

        var both = await CreateProjectAsync(staff, Project(companyId, "Haskell", p => p["holidayCalendars"] = new[] { "us", "BR" }));
        Assert.Equal(["US", "BR"], (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{both}")).GetProperty("holidayCalendars").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task Ranking_and_frozen_reports_carry_the_holiday_figures()
    {
        using var staff = await app.RecruiterAsync();
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Ranking Co");
        var professional = await CreateProfessionalAsync(staff, Professional("Elixir", 5, p => p["timeZone"] = "America/Sao_Paulo"));
        var project = await CreateProjectAsync(staff, Project(companyId, "Elixir", p =>
        {
            p["startDate"] = "2027-04-19";
            p["durationWeeks"] = 1;
        }));

        var ranking = await MatchesAsync(staff, project);
        Assert.Equal("2026.12-1", ranking.GetProperty("algorithmVersion").GetString());
        Assert.False(string.IsNullOrEmpty(ranking.GetProperty("tzdbVersion").GetString()));
        var overlap = Item(ranking, professional).GetProperty("overlap");
        Assert.Equal(8, overlap.GetProperty("averageHours").GetDouble());
        Assert.Equal(6.4, overlap.GetProperty("effectiveAverageHours").GetDouble());
        Assert.Equal(4, overlap.GetProperty("sharedDays").GetInt32());
        Assert.Equal("Tiradentes' Day", overlap.GetProperty("holidays")[0].GetProperty("name").GetString());
        Assert.Contains(Item(ranking, professional).GetProperty("explanation").EnumerateArray(),
            e => e.GetString() == "Shares 4 of the client's 5 working days: off on 2027-04-21 Tiradentes' Day (BR).");

        var report = await ApiAssert.JsonAsync(await staff.PostAsJsonAsync($"/api/v1/projects/{project}/match-reports", new { limit = 10 }), HttpStatusCode.Created);
        var frozen = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/match-reports/{report.GetProperty("id").GetGuid()}");
        Assert.Contains("\"effectiveAverageHours\":6.4", frozen.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("\"tzdbVersion\":", frozen.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_whose_every_working_day_is_off_cannot_be_ranked()
    {
        using var staff = await app.RecruiterAsync();
        using var admin = await app.AdminAsync();
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Closed Co");
        var project = await CreateProjectAsync(staff, Project(companyId, "Erlang", p =>
        {
            p["startDate"] = "2027-12-20";
            p["durationWeeks"] = 1;
        }));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/projects/{project}/matches")).StatusCode);

        (await admin.PostAsJsonAsync($"/api/v1/companies/{companyId}/closures", new { from = "2027-12-20", to = "2027-12-23", name = "Shutdown" })).EnsureSuccessStatusCode();
        var problem = await ApiAssert.ProblemAsync(await staff.GetAsync($"/api/v1/projects/{project}/matches"), HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("startDate", out _), problem.GetRawText());

        var reports = await app.CountAsync("match_reports");
        await ApiAssert.ProblemAsync(await staff.PostAsJsonAsync($"/api/v1/projects/{project}/match-reports", new { limit = 5 }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(reports, await app.CountAsync("match_reports"));
    }
}
