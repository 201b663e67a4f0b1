using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>Creates a small, hand-made pool once; every test searches it read-only.</summary>
public class SearchPoolFactory : NearshoreApiFactory
{
    public Dictionary<string, Guid> Ids { get; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var admin = await AdminAsync();
        async Task Add(string key, Action<Dictionary<string, object?>> change)
        {
            var body = Samples.Professional($"{key}@search.example");
            change(body);
            var response = await admin.PostAsJsonAsync("/api/v1/professionals", body);
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            Ids[key] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }

        await Add("joao", p =>
        {
            p["fullName"] = "João Silva";
            p["headline"] = "Backend engineer";
            p["city"] = "São Paulo";
            p["cityPopulation"] = 12_000_000;
            p["timeZone"] = "America/Sao_Paulo";
            p["skills"] = new object[] { new { skill = "C#", level = 5, years = 8 }, new { skill = "PostgreSQL", level = 4, years = 6 } };
            p["englishLevel"] = "C1";
            p["hourlyRateUsd"] = 60m;
            p["availableFrom"] = "2027-01-04";
        });
        await Add("maria", p =>
        {
            p["fullName"] = "María Gómez";
            p["headline"] = "Java developer";
            p["country"] = "AR";
            p["city"] = "Córdoba";
            p["cityPopulation"] = 1_500_000;
            p["timeZone"] = "America/Argentina/Cordoba";
            p["skills"] = new object[] { new { skill = "Java", level = 4, years = 5 } };
            p["englishLevel"] = "B2";
            p["hourlyRateUsd"] = 40m;
            p["availableFrom"] = "2026-12-01";
        });
        await Add("pedro", p =>
        {
            p["fullName"] = "Pedro Ramírez";
            p["headline"] = "Frontend developer";
            p["country"] = "MX";
            p["city"] = "San Blas";
            p["cityPopulation"] = 20_000;
            p["isRural"] = true;
            p["timeZone"] = "America/Mexico_City";
            p["skills"] = new object[] { new { skill = "JavaScript", level = 3, years = 3 }, new { skill = "React", level = 4, years = 3 } };
            p["englishLevel"] = "B1";
            p["hourlyRateUsd"] = 30m;
            p["status"] = "placed";
        });
        await Add("lucia", p =>
        {
            p["fullName"] = "Lucía Fernández";
            p["headline"] = "Data engineer";
            p["country"] = "CL";
            p["city"] = "Chillán";
            p["cityPopulation"] = 180_000;
            p["timeZone"] = "America/Santiago";
            p["workingHours"] = new { start = "05:00", end = "08:00" };
            p["skills"] = new object[] { new { skill = "Python", level = 5, years = 9 } };
            p["englishLevel"] = "A2";
            p["hourlyRateUsd"] = 30m;
            p["status"] = "inactive";
        });
        await Add("kenji", p =>
        {
            p["fullName"] = "Kenji Sato";
            p["headline"] = "Mobile developer";
            p["country"] = "JP";
            p["city"] = "Tokyo";
            p["cityPopulation"] = 14_000_000;
            p["timeZone"] = "Asia/Tokyo";
            p["skills"] = new object[] { new { skill = "Kotlin", level = 4, years = 4 } };
            p["hourlyRateUsd"] = 30m;
        });
    }
}

public sealed class ProfessionalSearchTests(SearchPoolFactory app) : IClassFixture<SearchPoolFactory>
{
    private async Task<(string[] Keys, int Total, JsonElement Items)> Search(string query)
    {
        using var client = await app.RecruiterAsync();
        var response = await client.GetAsync("/api/v1/professionals?" + query);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var items = body.GetProperty("items");
        var byId = app.Ids.ToDictionary(kv => kv.Value, kv => kv.Key);
        var keys = items.EnumerateArray().Select(i => byId[i.GetProperty("id").GetGuid()]).ToArray();
        return (keys, body.GetProperty("total").GetInt32(), items);
    }

    private async Task<string[]> Keys(string query) => (await Search(query)).Keys.Order(StringComparer.Ordinal).ToArray();

    [Theory]
    [InlineData("q=sao%20paulo", "joao")]
    [InlineData("q=SÃO%20PAULO", "joao")]
    [InlineData("q=gomez", "maria")]
    [InlineData("q=cordoba%20java", "maria")]
    [InlineData("q=chillan", "lucia")]
    [InlineData("q=engineer", "joao,lucia")]
    public async Task Free_text_is_accent_and_case_blind_over_name_headline_and_city(string query, string expected) =>
        Assert.Equal(expected.Split(','), await Keys(query));

    [Fact]
    public async Task Free_text_finds_holders_of_a_named_skill_or_alias()
    {
        Assert.Equal((string[])["pedro"], await Keys("q=react"));
        Assert.Equal((string[])["pedro"], await Keys("q=reactjs"));
        Assert.Equal((string[])["joao"], await Keys("q=postgres"));
        Assert.Equal((string[])["maria"], await Keys("q=java"));
    }

    [Theory]
    [InlineData("skills=csharp", "joao")]
    [InlineData("skills=C%23:5,postgres:4", "joao")]
    [InlineData("skills=C%23:5,postgres:5", "")]
    [InlineData("skills=java", "maria")]
    [InlineData("skills=js:3,react", "pedro")]
    [InlineData("country=BR,AR", "joao,maria")]
    [InlineData("country=mx", "pedro")]
    [InlineData("citySize=town", "pedro")]
    [InlineData("citySize=metro", "joao,kenji,maria")]
    [InlineData("citySize=city", "lucia")]
    [InlineData("rural=true", "pedro")]
    [InlineData("rural=false", "joao,kenji,lucia,maria")]
    [InlineData("minEnglish=B2", "joao,kenji,maria")]
    [InlineData("maxRate=30", "kenji,lucia,pedro")]
    [InlineData("maxRate=40.00", "kenji,lucia,maria,pedro")]
    [InlineData("availableBy=2026-12-15", "maria")]
    [InlineData("status=placed", "pedro")]
    [InlineData("status=active,inactive", "joao,kenji,lucia,maria")]
    [InlineData("country=BR,AR,MX&maxRate=50", "maria,pedro")]
    public async Task Each_filter_narrows_the_pool(string query, string expected) =>
        Assert.Equal(expected.Length == 0 ? [] : expected.Split(','), await Keys(query));

    [Fact]
    public async Task Overlap_filter_keeps_only_schedules_that_overlap_the_window_enough_every_weekday()
    {
        // New York 09–17 against 09–18 in São Paulo, Córdoba and Mexico City: 6–8 h whatever the DST season;
        // Tokyo 09–17 and Santiago 05–08 never touch it.
        Assert.Equal((string[])["joao", "maria", "pedro"], await Keys("overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00&minOverlap=5"));
        Assert.Equal((string[])["joao", "maria", "pedro"], await Keys("overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00"));
        Assert.Equal((string[])[], await Keys("overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00&minOverlap=8.5"));
        Assert.Equal((string[])["kenji"], await Keys("overlapZone=Asia/Tokyo&overlapStart=10:00&overlapEnd=16:00&minOverlap=6"));
    }

    [Fact]
    public async Task Everything_at_once_combines_with_and()
    {
        Assert.Equal((string[])["joao"], await Keys(
            "q=paulo&skills=csharp:4&country=BR&citySize=metro&rural=false&minEnglish=B2&maxRate=100&availableBy=2027-02-01"
            + "&overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00&minOverlap=4&status=active"));
    }

    [Fact]
    public async Task Items_carry_the_full_professional()
    {
        var (_, total, items) = await Search("q=joao");
        Assert.Equal(1, total);
        var joao = items[0];
        Assert.Equal("João Silva", joao.GetProperty("fullName").GetString());
        Assert.Equal("metro", joao.GetProperty("citySize").GetString());
        Assert.Equal(["C#", "PostgreSQL"], joao.GetProperty("skills").EnumerateArray().Select(s => s.GetProperty("skill").GetString()));
    }

    [Fact]
    public async Task Sorting_is_stable_with_ties_broken_by_id()
    {
        var (byRate, _, items) = await Search("sort=rate");
        var rates = items.EnumerateArray().Select(i => i.GetProperty("hourlyRateUsd").GetDecimal()).ToArray();
        Assert.Equal(rates.Order().ToArray(), rates);
        var tied = byRate.Take(3).Select(k => app.Ids[k].ToString()).ToArray();
        Assert.Equal(tied.Order(StringComparer.Ordinal).ToArray(), tied);
        Assert.Equal(byRate, (await Search("sort=rate")).Keys);

        Assert.Equal((string[])["joao", "kenji", "lucia", "maria", "pedro"], (await Search("sort=name")).Keys);
        Assert.Equal((string[])["kenji", "lucia", "pedro", "maria", "joao"], (await Search("sort=-updatedAt")).Keys);
        Assert.Equal("joao", (await Search("q=sao%20paulo%20engineer&sort=relevance")).Keys[0]);
    }

    [Fact]
    public async Task Pages_partition_the_result_and_total_counts_every_match()
    {
        var all = (await Search("sort=name")).Keys;
        var pages = new List<string>();
        for (var offset = 0; offset < 5; offset += 2)
        {
            var (keys, total, _) = await Search($"sort=name&offset={offset}&limit=2");
            Assert.Equal(5, total);
            pages.AddRange(keys);
        }

        Assert.Equal(all, pages);
        var (beyond, beyondTotal, _) = await Search("offset=10&limit=2");
        Assert.Empty(beyond);
        Assert.Equal(5, beyondTotal);
    }

    [Theory]
    [InlineData("skills=javascrpt", "skills")]
    [InlineData("q=a%00b", "q")]
    [InlineData("skills=java:9", "skills")]
    [InlineData("country=XX", "country")]
    [InlineData("citySize=village", "citySize")]
    [InlineData("rural=maybe", "rural")]
    [InlineData("minEnglish=D1", "minEnglish")]
    [InlineData("minEnglish=%2B1", "minEnglish")]
    [InlineData("citySize=%2B1", "citySize")]
    [InlineData("status=%2B1", "status")]
    [InlineData("maxRate=cheap", "maxRate")]
    [InlineData("availableBy=01/02/2027", "availableBy")]
    [InlineData("overlapZone=Mars/Olympus&overlapStart=09:00&overlapEnd=17:00", "overlapZone")]
    [InlineData("overlapZone=America/New_York&overlapStart=17:00&overlapEnd=09:00", "overlapStart")]
    [InlineData("overlapZone=America/New_York&overlapStart=09:00", "overlapEnd")]
    [InlineData("minOverlap=4", "overlapZone")]
    [InlineData("status=retired", "status")]
    [InlineData("sort=salary", "sort")]
    [InlineData("sort=relevance", "sort")]
    [InlineData("offset=-1", "offset")]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=0", "limit")]
    public async Task Bad_parameters_are_problem_details_keyed_by_parameter(string query, string key)
    {
        using var client = await app.RecruiterAsync();
        var response = await client.GetAsync("/api/v1/professionals?" + query);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(key, out _), errors.ToString());
    }

    [Fact]
    public async Task Unknown_skill_suggests_close_names()
    {
        using var client = await app.RecruiterAsync();
        var response = await client.GetAsync("/api/v1/professionals?skills=javascrpt");
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("JavaScript", errors.GetProperty("skills")[0].GetString());
    }

    /// <summary>Search answers from the in-memory index, the export from SQL: the same filters must select the same people.</summary>
    [Theory]
    [InlineData("q=sao%20paulo")]
    [InlineData("q=engineer")]
    [InlineData("q=react")]
    [InlineData("q=cordoba%20java")]
    [InlineData("skills=C%23:5,postgres:4")]
    [InlineData("country=BR,AR,MX&maxRate=50")]
    [InlineData("citySize=metro&rural=false&minEnglish=B2")]
    [InlineData("availableBy=2026-12-15&status=active")]
    [InlineData("overlapZone=America/New_York&overlapStart=09:00&overlapEnd=17:00&minOverlap=5")]
    [InlineData("")]
    public async Task Search_and_export_select_the_same_professionals(string query)
    {
        using var client = await app.RecruiterAsync();
        var (_, total, items) = await Search(query + "&limit=200");
        var searched = items.EnumerateArray().Select(i => i.GetProperty("email").GetString()!).Order(StringComparer.Ordinal).ToArray();
        var csv = await client.GetStringAsync("/api/v1/professionals/export?" + query);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var emailColumn = Array.IndexOf(lines[0].Split(','), "email");
        var exported = lines.Skip(1).Select(l => l.Split(',')[emailColumn]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(total, exported.Length);
        Assert.Equal(searched, exported);
    }

    [Theory]
    [InlineData("q=engineer&sort=relevance&offset=3&limit=1000")]
    [InlineData("country=BR&sort=relevance&offset=-1&limit=0")]
    public async Task A_search_query_string_with_paging_exports_every_match(string query)
    {
        // The export has no pages: sort, offset and limit are ignored, whatever their values, not refused.
        using var client = await app.RecruiterAsync();
        var filters = string.Join('&', query.Split('&').Where(p => !p.StartsWith("sort=", StringComparison.Ordinal)
            && !p.StartsWith("offset=", StringComparison.Ordinal) && !p.StartsWith("limit=", StringComparison.Ordinal)));
        var (_, total, _) = await Search(filters);

        var response = await client.GetAsync("/api/v1/professionals/export?" + query);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.True(total > 0);
        Assert.Equal(total, lines.Length - 1);
    }

    [Fact]
    public async Task Search_needs_a_staff_sign_in()
    {
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/professionals")).StatusCode);
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Search Outsider");
        using var company = app.WithApiKey(key);
        Assert.Equal(HttpStatusCode.Forbidden, (await company.GetAsync("/api/v1/professionals")).StatusCode);
    }
}

/// <summary>The same pool, exported two professionals per page, so every export crosses page boundaries.</summary>
public sealed class SmallExportPagesFactory : SearchPoolFactory
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Export:PageSize", "2");
    }
}

public sealed class ExportPagingTests(SmallExportPagesFactory app) : IClassFixture<SmallExportPagesFactory>
{
    [Theory]
    [InlineData("", 5)]
    [InlineData("q=developer", 3)]
    [InlineData("maxRate=30", 3)]
    [InlineData("status=active", 3)]
    [InlineData("q=nobody", 0)]
    public async Task An_export_over_several_pages_has_every_match_once_in_id_order(string query, int expected)
    {
        using var client = await app.RecruiterAsync();
        var csv = await client.GetStringAsync("/api/v1/professionals/export?" + query);
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var emailColumn = Array.IndexOf(lines[0].Split(','), "email");
        var exported = lines.Skip(1).Select(l => l.Split(',')[emailColumn]).ToArray();
        var expectedEmails = app.Ids.OrderBy(kv => kv.Value.ToString(), StringComparer.Ordinal).Select(kv => $"{kv.Key}@search.example").ToArray();
        Assert.Equal(expected, exported.Length);
        Assert.Equal(expectedEmails.Where(exported.Contains), exported);
    }

    [Fact]
    public async Task An_export_stopped_part_way_cancels_the_page_it_was_reading_ahead()
    {
        const string pageQuery = "datname = current_database() AND pid <> pg_backend_pid() AND state = 'active' AND query LIKE '%array_agg(ps.skill_id%'";
        async Task WaitFor(string where)
        {
            for (var i = 0; i < 600 && await app.CountAsync("pg_stat_activity", where) == 0; i++)
            {
                await Task.Delay(50);
            }
        }

        using (var scope = app.Services.CreateScope())
        {
            // Pages of 2 over 5 people. Once the second page is in, the third is held up by a lock, so it is still being
            // read ahead when the caller stops after the third row.
            var search = scope.ServiceProvider.GetRequiredService<ProfessionalSearch>();
            var rows = search.StreamAsync(new ProfessionalSearchQuery(), CancellationToken.None).GetAsyncEnumerator();
            Assert.True(await rows.MoveNextAsync());
            Assert.True(await rows.MoveNextAsync());
            for (var i = 0; i < 600 && await app.CountAsync("pg_stat_activity", pageQuery) > 0; i++)
            {
                await Task.Delay(50);
            }

            await using var locker = new NpgsqlConnection(app.ConnectionString);
            await locker.OpenAsync();
            await using var transaction = await locker.BeginTransactionAsync();
            await using (var lockSkills = new NpgsqlCommand("LOCK TABLE professional_skills IN ACCESS EXCLUSIVE MODE", locker, transaction))
            {
                await lockSkills.ExecuteNonQueryAsync();
            }

            Assert.True(await rows.MoveNextAsync());
            await WaitFor(pageQuery + " AND wait_event_type = 'Lock'");
            Assert.Equal(1, await app.CountAsync("pg_stat_activity", pageQuery));

            // Stopping cancels that read and waits for it. The bound is under the 30 s command timeout, which would otherwise
            // end a read that was never cancelled.
            await rows.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15));
            Assert.Equal(0, await app.CountAsync("pg_stat_activity", pageQuery));
            await transaction.RollbackAsync();
        }

        using var client = await app.RecruiterAsync();
        var csv = await client.GetStringAsync("/api/v1/professionals/export");
        Assert.Equal(6, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
