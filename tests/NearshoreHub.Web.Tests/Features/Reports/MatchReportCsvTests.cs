using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Reports;

/// <summary>GET /api/v1/match-reports/{id}/export: the frozen ranking as CSV, under the report's own access rules.</summary>
public sealed class MatchReportCsvTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private static readonly string[] CompanyHeader =
    [
        "rank", "professionalId", "fullName", "country", "city", "citySize", "isRural", "timeZone", "seniority", "score",
        "skills", "overlap", "rate", "english", "availability", "averageOverlapHours", "minimumOverlapHours",
        "maximumOverlapHours", "matchedSkills", "missingSkills",
    ];

    private static readonly HashSet<string> NumericColumns =
    [
        "rank", "score", "skills", "overlap", "rate", "english", "availability", "averageOverlapHours", "minimumOverlapHours", "maximumOverlapHours",
    ];

    private sealed record Setup(string Key, string OtherKey, Guid Approved, Guid Pending, Guid OtherCompanysApproved, List<(string Email, decimal Rate)> People, JsonElement ApprovedReport);

    private async Task<Setup> SetupAsync(string skill)
    {
        using var staff = await app.RecruiterAsync();
        using var admin = await app.AdminAsync();
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync($"{skill} CSV Co");
        var (otherId, otherKey, _) = await app.CreateCompanyWithKeyAsync($"{skill} Other Co");
        var people = new List<(string, decimal)>();
        foreach (var (rate, name) in new[] { (41.37m, "=HYPERLINK(\"http://evil.example\")"), (47.83m, "Bruno Lima"), (58.19m, "Carla Dias") })
        {
            var email = $"csv.person.{Guid.NewGuid():N}@example.com";
            await CreateProfessionalAsync(staff, Professional(skill, 4, p =>
            {
                p["email"] = email;
                p["hourlyRateUsd"] = rate;
                p["fullName"] = name;
            }));
            people.Add((email, rate));
        }

        async Task<Guid> FreezeAsync(Guid company, string? decision)
        {
            var project = await CreateProjectAsync(staff, Project(company, skill));
            var created = await (await staff.PostAsJsonAsync($"/api/v1/projects/{project}/match-reports", new { limit = 10 })).EnsureSuccessStatusCode()
                .Content.ReadFromJsonAsync<JsonElement>();
            var id = created.GetProperty("id").GetGuid();
            if (decision is not null)
            {
                (await admin.PostAsJsonAsync($"/api/v1/match-reports/{id}/review", new { decision, notes = "" })).EnsureSuccessStatusCode();
            }

            return id;
        }

        var approved = await FreezeAsync(companyId, "approved");
        var pending = await FreezeAsync(companyId, null);
        var others = await FreezeAsync(otherId, "approved");
        var report = await staff.GetFromJsonAsync<JsonElement>($"/api/v1/match-reports/{approved}");
        return new Setup(key, otherKey, approved, pending, others, people, report);
    }

    private static List<string[]> Rows(string csv) =>
        csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(SplitLine).ToList();

    /// <summary>Enough of RFC 4180 for these files: quoted cells with doubled quotes, no line breaks inside.</summary>
    private static string[] SplitLine(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return [.. cells];
    }

    [Fact]
    public async Task Staff_get_one_row_per_ranked_professional_with_scores_components_and_contact()
    {
        var setup = await SetupAsync("Haskell");
        using var staff = await app.RecruiterAsync();

        var response = await staff.GetAsync($"/api/v1/match-reports/{setup.Approved}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var rows = Rows(await response.Content.ReadAsStringAsync());
        Assert.Equal([.. CompanyHeader, "email", "hourlyRateUsd"], rows[0]);
        var items = setup.ApprovedReport.GetProperty("ranking").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3, items.Count);
        Assert.Equal(items.Count, rows.Count - 1);
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var row = rows[i + 1];
            Assert.Equal(item.GetProperty("rank").GetInt32().ToString(CultureInfo.InvariantCulture), row[0]);
            Assert.Equal(item.GetProperty("professional").GetProperty("id").GetGuid().ToString(), row[1]);
            Assert.Equal(item.GetProperty("score").GetDecimal(), decimal.Parse(row[9], CultureInfo.InvariantCulture));
            for (var c = 0; c < Components.Length; c++)
            {
                Assert.Equal(item.GetProperty("breakdown").GetProperty(Components[c]).GetDecimal(), decimal.Parse(row[10 + c], CultureInfo.InvariantCulture));
            }

            Assert.Equal(item.GetProperty("overlap").GetProperty("averageHours").GetDouble(), double.Parse(row[15], CultureInfo.InvariantCulture), 2);
            Assert.Equal("Haskell", row[18]);
            Assert.Contains(setup.People, p => p.Email == row[20] && p.Rate == decimal.Parse(row[21], CultureInfo.InvariantCulture));
        }

        // The formula-like name is quoted for spreadsheets.
        Assert.Contains(rows, r => r[2] == "'=HYPERLINK(\"http://evil.example\")");
    }

    [Fact]
    public async Task A_company_gets_its_own_approved_report_without_email_or_rate()
    {
        var setup = await SetupAsync("Erlang");
        using var company = app.WithApiKey(setup.Key);

        var response = await company.GetAsync($"/api/v1/match-reports/{setup.Approved}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csv = await response.Content.ReadAsStringAsync();
        var rows = Rows(csv);
        Assert.Equal(CompanyHeader, rows[0]);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(CompanyHeader.Length, r.Length));
        foreach (var (email, rate) in setup.People)
        {
            Assert.DoesNotContain(email, csv, StringComparison.OrdinalIgnoreCase);
            // The header has no hourly-rate column; no other cell carries it either. Checked as a value in the cells that
            // are not scores or hours, since the digits of a rate may well occur inside a score, an hour figure or an id.
            Assert.DoesNotContain(rows.Skip(1).SelectMany(r => r.Where((_, i) => !NumericColumns.Contains(CompanyHeader[i]))), cell =>
                decimal.TryParse(cell, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value == rate);
        }
    }

    [Fact]
    public async Task A_company_is_told_pending_and_other_companies_reports_do_not_exist()
    {
        var setup = await SetupAsync("OCaml");
        using var company = app.WithApiKey(setup.Key);
        using var other = app.WithApiKey(setup.OtherKey);
        using var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.NotFound, (await company.GetAsync($"/api/v1/match-reports/{setup.Pending}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await company.GetAsync($"/api/v1/match-reports/{setup.OtherCompanysApproved}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/match-reports/{setup.Approved}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await company.GetAsync($"/api/v1/match-reports/{Guid.NewGuid()}/export")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/match-reports/{setup.Approved}/export")).StatusCode);
        using var staff = await app.RecruiterAsync();
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/api/v1/match-reports/{setup.Pending}/export")).StatusCode);
    }
}
