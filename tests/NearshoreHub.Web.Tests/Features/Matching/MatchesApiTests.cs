using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Matching;

/// <summary>
/// GET /api/v1/projects/{id}/matches over HTTP. Every test requires its own rare skill, so the professionals
/// other tests in this class create never enter its eligible pool.
/// </summary>
public sealed class MatchesApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private async Task<Guid> CompanyAsync() => (await app.CreateCompanyWithKeyAsync()).CompanyId;

    [Fact]
    public async Task Only_professionals_passing_every_hard_filter_are_ranked()
    {
        using var staff = await app.RecruiterAsync();
        var eligible = await CreateProfessionalAsync(staff, Professional("Elixir", 4));
        var exactlyAtMinimum = await CreateProfessionalAsync(staff, Professional("elixir", 3));
        var excluded = new Dictionary<string, Guid>
        {
            ["below minLevel"] = await CreateProfessionalAsync(staff, Professional("Elixir", 2)),
            ["related skill only"] = await CreateProfessionalAsync(staff, Professional("Erlang", 5)),
            ["no overlap (Manila)"] = await CreateProfessionalAsync(staff, Professional("Elixir", 5, p => p["timeZone"] = "Asia/Manila")),
            // Average overlap is 4·8/5 h ≥ 4 h, but the minimum is 0 h on Fridays.
            ["minimum below minOverlapHours"] = await CreateProfessionalAsync(staff, Professional("Elixir", 5, p => p["workingDays"] = new[] { "Mon", "Tue", "Wed", "Thu" })),
            ["English B1 < B2"] = await CreateProfessionalAsync(staff, Professional("Elixir", 5, p => p["englishLevel"] = "B1")),
            ["placed"] = await CreateProfessionalAsync(staff, Professional("Elixir", 5, p => p["status"] = "placed")),
            ["inactive"] = await CreateProfessionalAsync(staff, Professional("Elixir", 5, p => p["status"] = "inactive")),
        };
        var project = await CreateProjectAsync(staff, Project(await CompanyAsync(), "Elixir"));

        var ranking = await MatchesAsync(staff, project);

        var ids = Ids(ranking);
        Assert.Equal(2, ranking.GetProperty("eligibleCount").GetInt32());
        Assert.Equal(new[] { eligible, exactlyAtMinimum }.Order(), ids.Order());
        foreach (var (reason, id) in excluded)
        {
            Assert.False(ids.Contains(id), $"ranked although {reason}");
        }
    }

    [Fact]
    public async Task Ranking_is_by_score_then_id_and_every_breakdown_reproduces_its_score()
    {
        using var staff = await app.RecruiterAsync();
        var ids = new List<Guid>
        {
            await CreateProfessionalAsync(staff, Professional("Gleam", 5, p => p["skills"] = new object[] { new { skill = "Gleam", level = 5, years = 3 }, new { skill = "Nim", level = 2, years = 1 } })),
            await CreateProfessionalAsync(staff, Professional("Gleam", 5, p => p["hourlyRateUsd"] = 75m)),
            await CreateProfessionalAsync(staff, Professional("Gleam", 5, p => p["availableFrom"] = "2027-04-15")),
            await CreateProfessionalAsync(staff, Professional("Gleam", 3, p => p["availableFrom"] = "2027-03-10")),
            await CreateProfessionalAsync(staff, Professional("Gleam", 4, p => p["timeZone"] = "America/Bogota")),
        };
        // Three identical candidates: same score, so their order is by id.
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateProfessionalAsync(staff, Professional("Gleam", 4, p => p["fullName"] = $"Twin {i}")));
        }

        var project = await CreateProjectAsync(staff, Project(await CompanyAsync(), "Gleam", p =>
            p["skills"] = new object[] { new { skill = "Gleam", minLevel = 3, required = true }, new { skill = "Nim", minLevel = 2, required = false, weight = 0.5 } }));

        var ranking = await MatchesAsync(staff, project);

        var items = ranking.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(ids.Order(), Ids(ranking).Order());
        Assert.Equal(Enumerable.Range(1, items.Count), items.Select(i => i.GetProperty("rank").GetInt32()));
        var weights = ranking.GetProperty("weights");
        Assert.Equal([0.45, 0.25, 0.10, 0.10, 0.10], Components.Select(c => weights.GetProperty(c).GetDouble()));
        foreach (var item in items)
        {
            Assert.Equal(ScoreFrom(weights, item.GetProperty("breakdown")), item.GetProperty("score").GetDecimal());
        }

        for (var i = 1; i < items.Count; i++)
        {
            var (previous, current) = (items[i - 1], items[i]);
            var (a, b) = (previous.GetProperty("score").GetDecimal(), current.GetProperty("score").GetDecimal());
            Assert.True(a >= b, $"rank {i} scores {a}, rank {i + 1} scores {b}");
            if (a == b)
            {
                Assert.True(
                    CompareUuid(previous.GetProperty("professional").GetProperty("id").GetGuid(), current.GetProperty("professional").GetProperty("id").GetGuid()) < 0,
                    $"equal scores at ranks {i} and {i + 1} are not in ascending id order");
            }
        }

        var twins = ids.Skip(5).ToList();
        var twinItems = items.Where(i => twins.Contains(i.GetProperty("professional").GetProperty("id").GetGuid())).ToList();
        Assert.Single(twinItems.Select(i => i.GetProperty("score").GetDecimal()).Distinct());
        Assert.Equal(twins.Order(Comparer<Guid>.Create(CompareUuid)), twinItems.Select(i => i.GetProperty("professional").GetProperty("id").GetGuid()));
        var twinRanks = twinItems.Select(i => i.GetProperty("rank").GetInt32()).ToList();
        Assert.Equal(Enumerable.Range(twinRanks[0], 3), twinRanks);

        // The only one holding the optional Nim as well leads.
        Assert.Equal(ids[0], Ids(ranking)[0]);
        var rateItem = Item(ranking, ids[1]);
        Assert.Equal(0.75m, rateItem.GetProperty("breakdown").GetProperty("rate").GetDecimal());
        var lateItem = Item(ranking, ids[2]);
        Assert.Equal(0.5m, lateItem.GetProperty("breakdown").GetProperty("availability").GetDecimal());
        Assert.Contains(lateItem.GetProperty("explanation").EnumerateArray(), e => e.GetString()!.Contains("45 days after the start date", StringComparison.Ordinal));
        // Matched and missing lists name canonical skills.
        Assert.Equal(["Gleam", "Nim"], Item(ranking, ids[0]).GetProperty("matchedSkills").EnumerateArray().Select(s => s.GetString()));
        Assert.Empty(Item(ranking, ids[0]).GetProperty("missingSkills").EnumerateArray());
        Assert.Equal(["Gleam"], Item(ranking, ids[1]).GetProperty("matchedSkills").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["Nim"], Item(ranking, ids[1]).GetProperty("missingSkills").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Project_weights_are_returned_and_used()
    {
        using var staff = await app.RecruiterAsync();
        // Later but cheaper against on time but 50% over budget: the project cares only for rate.
        var late = await CreateProfessionalAsync(staff, Professional("Prolog", 5, p => p["availableFrom"] = "2027-05-30"));
        var expensive = await CreateProfessionalAsync(staff, Professional("Prolog", 5, p => p["hourlyRateUsd"] = 90m));
        var company = await CompanyAsync();
        var defaults = await CreateProjectAsync(staff, Project(company, "Prolog"));
        var rateOnly = await CreateProjectAsync(staff, Project(company, "Prolog", p =>
            p["weights"] = new { skills = 0.1, overlap = 0, rate = 2, english = 0, availability = 0.1 }));

        var byDefault = await MatchesAsync(staff, defaults);
        var byRate = await MatchesAsync(staff, rateOnly);

        Assert.Equal([expensive, late], Ids(byDefault));
        Assert.Equal([late, expensive], Ids(byRate));
        var weights = byRate.GetProperty("weights");
        Assert.Equal([0.1, 0, 2, 0, 0.1], Components.Select(c => weights.GetProperty(c).GetDouble()));
        foreach (var item in byRate.GetProperty("items").EnumerateArray())
        {
            Assert.Equal(ScoreFrom(weights, item.GetProperty("breakdown")), item.GetProperty("score").GetDecimal());
        }

        // late: skills 1, rate 1, availability 0 → 100·(0.1 + 2)/2.2 = 95.45; expensive: rate 0.5 → 100·(0.1 + 1 + 0.1)/2.2 = 54.55.
        Assert.Equal(95.45m, Item(byRate, late).GetProperty("score").GetDecimal());
        Assert.Equal(54.55m, Item(byRate, expensive).GetProperty("score").GetDecimal());
    }

    [Fact]
    public async Task Country_city_city_size_and_rural_flag_never_change_the_score()
    {
        using var staff = await app.RecruiterAsync();
        var metro = await CreateProfessionalAsync(staff, Professional("Ada", 4, p =>
        {
            p["country"] = "BR";
            p["city"] = "São Paulo";
            p["cityPopulation"] = 12_300_000;
            p["isRural"] = false;
        }));
        var village = await CreateProfessionalAsync(staff, Professional("Ada", 4, p =>
        {
            p["country"] = "AR";
            p["city"] = "Tilcara";
            p["cityPopulation"] = 6_000;
            p["isRural"] = true;
        }));
        var project = await CreateProjectAsync(staff, Project(await CompanyAsync(), "Ada"));

        var ranking = await MatchesAsync(staff, project);

        var (a, b) = (Item(ranking, metro), Item(ranking, village));
        Assert.Equal(a.GetProperty("score").GetDecimal(), b.GetProperty("score").GetDecimal());
        Assert.Equal(a.GetProperty("breakdown").GetRawText(), b.GetProperty("breakdown").GetRawText());
        Assert.Equal(a.GetProperty("explanation").GetRawText(), b.GetProperty("explanation").GetRawText());
        Assert.Equal(("metro", false), (a.GetProperty("professional").GetProperty("citySize").GetString(), a.GetProperty("professional").GetProperty("isRural").GetBoolean()));
        Assert.Equal(("town", true), (b.GetProperty("professional").GetProperty("citySize").GetString(), b.GetProperty("professional").GetProperty("isRural").GetBoolean()));
        // Equal scores: the lower id ranks first.
        Assert.Equal(new[] { metro, village }.Order(Comparer<Guid>.Create(CompareUuid)), Ids(ranking));
    }

    [Fact]
    public async Task Explanations_name_the_date_of_the_US_daylight_switch()
    {
        using var staff = await app.RecruiterAsync();
        // Recife (UTC−3 all year) 09–18 against New York 09–17: 7 h in the two EST weeks, 8 h in the ten EDT weeks.
        var recife = await CreateProfessionalAsync(staff, Professional("Smalltalk", 4));
        var project = await CreateProjectAsync(staff, Project(await CompanyAsync(), "Smalltalk"));

        var item = Item(await MatchesAsync(staff, project), recife);

        var overlap = item.GetProperty("overlap");
        Assert.Equal(7.83, overlap.GetProperty("averageHours").GetDouble());
        Assert.Equal(7, overlap.GetProperty("minimumHours").GetDouble());
        Assert.Equal(8, overlap.GetProperty("maximumHours").GetDouble());
        var sentence = Assert.Single(item.GetProperty("explanation").EnumerateArray().Select(e => e.GetString()!), e => e.Contains("overlap", StringComparison.Ordinal));
        Assert.Contains("2027-03-14", sentence, StringComparison.Ordinal);
        Assert.Contains("8.0 h", sentence, StringComparison.Ordinal);
        // overlap = averageHours / core length with averageHours as reported (2 decimals): 7.83 / 8 = 0.97875 → 0.9788.
        Assert.Equal(0.9788m, item.GetProperty("breakdown").GetProperty("overlap").GetDecimal());
    }

    [Fact]
    public async Task Representation_counts_the_eligible_pool_and_the_returned_top()
    {
        using var staff = await app.RecruiterAsync();
        // The top two are within budget: a rural Argentine town and a Mexican city; the Brazilian metro, over budget, is third.
        await CreateProfessionalAsync(staff, Professional("Pascal", 5, p => (p["country"], p["city"], p["cityPopulation"], p["isRural"]) = ("AR", "Tilcara", 6_000, true)));
        await CreateProfessionalAsync(staff, Professional("Pascal", 4, p => (p["country"], p["city"], p["cityPopulation"], p["isRural"]) = ("MX", "Oaxaca", 300_000, false)));
        await CreateProfessionalAsync(staff, Professional("Pascal", 5, p =>
        {
            (p["country"], p["city"], p["cityPopulation"], p["isRural"]) = ("BR", "São Paulo", 12_300_000, false);
            p["hourlyRateUsd"] = 80m;
        }));
        var project = await CreateProjectAsync(staff, Project(await CompanyAsync(), "Pascal"));

        var ranking = await MatchesAsync(staff, project, "limit=2");

        Assert.Equal(3, ranking.GetProperty("eligibleCount").GetInt32());
        var pool = ranking.GetProperty("representation").GetProperty("pool");
        var top = ranking.GetProperty("representation").GetProperty("top");
        Assert.Equal(3, pool.GetProperty("total").GetInt32());
        Assert.Equal(2, top.GetProperty("total").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["AR"] = 1, ["BR"] = 1, ["MX"] = 1 }, Counts(pool, "byCountry"));
        Assert.Equal(new Dictionary<string, int> { ["metro"] = 1, ["city"] = 1, ["town"] = 1 }, Counts(pool, "byCitySize"));
        Assert.Equal(new Dictionary<string, int> { ["rural"] = 1, ["urban"] = 2 }, Counts(pool, "byRurality"));
        Assert.Equal(new Dictionary<string, int> { ["AR"] = 1, ["MX"] = 1 }, Counts(top, "byCountry"));
        Assert.Equal(new Dictionary<string, int> { ["metro"] = 0, ["city"] = 1, ["town"] = 1 }, Counts(top, "byCitySize"));
        Assert.Equal(new Dictionary<string, int> { ["rural"] = 1, ["urban"] = 1 }, Counts(top, "byRurality"));
        Assert.Equal(0.5, top.GetProperty("byRurality").EnumerateArray().First(r => r.GetProperty("key").GetString() == "rural").GetProperty("share").GetDouble());
        Assert.Equal(0.3333, pool.GetProperty("byRurality").EnumerateArray().First(r => r.GetProperty("key").GetString() == "rural").GetProperty("share").GetDouble());
    }

    private static Dictionary<string, int> Counts(JsonElement representation, string by) =>
        representation.GetProperty(by).EnumerateArray().ToDictionary(r => r.GetProperty("key").GetString()!, r => r.GetProperty("count").GetInt32());

    [Fact]
    public async Task Pages_with_limit_and_offset_continue_the_same_order()
    {
        using var staff = await app.RecruiterAsync();
        for (var i = 0; i < 5; i++)
        {
            var rate = 55m + (i * 4);
            await CreateProfessionalAsync(staff, Professional("Racket", 4, p => p["hourlyRateUsd"] = rate));
        }

        var project = await CreateProjectAsync(staff, Project(await CompanyAsync(), "Racket"));

        var all = Ids(await MatchesAsync(staff, project, "limit=5"));
        var first = await MatchesAsync(staff, project, "limit=2&offset=0");
        var second = await MatchesAsync(staff, project, "limit=2&offset=2");
        var last = await MatchesAsync(staff, project, "limit=2&offset=4");
        var beyond = await MatchesAsync(staff, project, "limit=2&offset=10");

        Assert.Equal(5, all.Count);
        Assert.Equal(all, Ids(first).Concat(Ids(second)).Concat(Ids(last)));
        Assert.Equal([3, 4], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("rank").GetInt32()));
        Assert.Empty(Ids(beyond));
        Assert.All(new[] { first, second, last, beyond }, r => Assert.Equal(5, r.GetProperty("eligibleCount").GetInt32()));
        Assert.Equal(all, Ids(await MatchesAsync(staff, project, "limit=20")));
    }

    [Theory]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task Bad_paging_is_a_400_keyed_by_the_parameter(string query, string field)
    {
        using var staff = await app.RecruiterAsync();
        var project = await CreateProjectAsync(staff, Project(await CompanyAsync(), "COBOL"));

        var response = await staff.GetAsync($"/api/v1/projects/{project}/matches?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task An_unknown_project_is_404()
    {
        using var staff = await app.AdminAsync();

        var response = await staff.GetAsync($"/api/v1/projects/{Guid.NewGuid()}/matches");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Matches_are_for_staff_only()
    {
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync("Own Project Co");
        using var company = app.WithApiKey(key);
        var created = await company.PostAsJsonAsync("/api/v1/projects", Project(companyId, "Fortran"));
        created.EnsureSuccessStatusCode();
        var project = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var anonymous = app.Anonymous();

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/projects/{project}/matches")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await company.GetAsync($"/api/v1/projects/{project}/matches")).StatusCode);
        using var admin = await app.AdminAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/projects/{project}/matches")).StatusCode);
    }
}
