using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Seed;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Holidays;

/// <summary>Holiday calendars and company closures (product spec §9): shipped data, admin edits, tombstones, access.</summary>
public sealed class HolidaysApiTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private static List<(string Date, string Name)> Days(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(d => (d.GetProperty("date").GetString()!, d.GetProperty("name").GetString()!)).ToList();

    [Fact]
    public async Task Shipped_calendars_are_loaded_with_observed_US_dates_and_any_caller_reads_them()
    {
        using var anonymous = app.Anonymous();
        var us = await ApiAssert.JsonAsync(await anonymous.GetAsync("/api/v1/holidays?country=US&year=2027"), HttpStatusCode.OK);

        // 11 federal holidays, plus New Year's Day 2028 (Sat) observed on Fri 2027-12-31; Juneteenth (Sat 06-19) is observed
        // on Fri 06-18, Independence Day (Sun 07-04) on Mon 07-05, Christmas (Sat 12-25) on Fri 12-24.
        Assert.Equal(12, us.GetProperty("total").GetInt32());
        var days = Days(us);
        Assert.Contains(("2027-11-25", "Thanksgiving Day"), days);
        Assert.Contains(("2027-06-18", "Juneteenth"), days);
        Assert.Contains(("2027-07-05", "Independence Day"), days);
        Assert.Contains(("2027-12-24", "Christmas Day"), days);
        Assert.Contains(("2027-12-31", "New Year's Day"), days);
        Assert.Contains(("2027-01-01", "New Year's Day"), days);
        Assert.DoesNotContain(days, d => d.Date is "2027-06-19" or "2027-07-04" or "2027-12-25");

        var brazil = Days(await ApiAssert.JsonAsync(await anonymous.GetAsync("/api/v1/holidays?country=br&year=2027&limit=200"), HttpStatusCode.OK));
        Assert.Contains(("2027-04-21", "Tiradentes' Day"), brazil);
        Assert.DoesNotContain(brazil, d => d.Name.Contains("Carnival", StringComparison.Ordinal));
        var colombia = Days(await ApiAssert.JsonAsync(await anonymous.GetAsync("/api/v1/holidays?country=CO&year=2027&limit=200"), HttpStatusCode.OK));
        Assert.Contains(("2027-01-11", "Epiphany"), colombia);
        Assert.DoesNotContain(colombia, d => d.Date == "2027-01-06");

        foreach (var country in new[] { "US", "AR", "BO", "BR", "CL", "CO", "CR", "DO", "EC", "GT", "HN", "MX", "NI", "PA", "PE", "PY", "SV", "UY", "VE" })
        {
            foreach (var year in new[] { 2024, 2035 })
            {
                var page = await ApiAssert.JsonAsync(await anonymous.GetAsync($"/api/v1/holidays?country={country}&year={year}&limit=1"), HttpStatusCode.OK);
                Assert.True(page.GetProperty("total").GetInt32() >= 5, $"{country} {year}");
            }
        }
    }

    [Fact]
    public async Task A_deleted_shipped_day_is_never_added_back_until_an_admin_adds_it()
    {
        using var admin = await app.AdminAsync();
        var page = await ApiAssert.JsonAsync(await admin.GetAsync("/api/v1/holidays?country=MX&year=2030"), HttpStatusCode.OK);
        var day = page.GetProperty("items").EnumerateArray().First();
        var id = day.GetProperty("id").GetGuid();
        var date = day.GetProperty("date").GetString()!;

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/holidays/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/v1/holidays/{id}")).StatusCode);

        using (var scope = app.Services.CreateScope())
        {
            var added = await HolidaySeeder.SeedAsync(scope.ServiceProvider.GetRequiredService<NearshoreDbContext>(), TimeProvider.System, CancellationToken.None);
            Assert.Equal(0, added);
        }

        var after = Days(await ApiAssert.JsonAsync(await admin.GetAsync("/api/v1/holidays?country=MX&year=2030"), HttpStatusCode.OK));
        Assert.DoesNotContain(after, d => d.Date == date);

        var again = await admin.PostAsJsonAsync("/api/v1/holidays", new { country = "MX", date, name = "Restored day" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Contains((date, "Restored day"), Days(await ApiAssert.JsonAsync(await admin.GetAsync("/api/v1/holidays?country=MX&year=2030"), HttpStatusCode.OK)));
    }

    [Fact]
    public async Task Bad_holidays_are_refused_naming_the_field_and_nothing_is_written()
    {
        using var admin = await app.AdminAsync();
        using var recruiter = await app.RecruiterAsync();
        var before = await app.CountAsync("holidays");

        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/holidays", new { country = "XX", date = "2027-05-05", name = "x" }), "country");
        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/holidays", new { country = "BR", date = "2036-01-02", name = "x" }), "date");
        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/holidays", new { country = "BR", date = "2027-05-05", name = "" }), "name");
        await ApiAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/v1/holidays", new { country = "BR", date = "2027-04-21", name = "Again" }), HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.PostAsJsonAsync("/api/v1/holidays", new { country = "BR", date = "2027-05-05", name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Anonymous().PostAsJsonAsync("/api/v1/holidays", new { country = "BR", date = "2027-05-05", name = "x" })).StatusCode);
        await ApiAssert.ValidationProblemAsync(await admin.GetAsync("/api/v1/holidays?year=2040"), "year");
        await ApiAssert.ValidationProblemAsync(await admin.GetAsync("/api/v1/holidays?country=ZZ"), "country");

        Assert.Equal(before, await app.CountAsync("holidays"));
    }

    [Fact]
    public async Task Closures_belong_to_admins_and_the_company_itself()
    {
        using var admin = await app.AdminAsync();
        using var recruiter = await app.RecruiterAsync();
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync("Closing Co");
        var (_, otherKey, _) = await app.CreateCompanyWithKeyAsync("Other Co");
        using var company = app.WithApiKey(key);
        using var other = app.WithApiKey(otherKey);
        var url = $"/api/v1/companies/{companyId}/closures";

        var created = await ApiAssert.JsonAsync(await company.PostAsJsonAsync(url, new { from = "2027-12-27", to = "2027-12-31", name = "Year-end shutdown" }), HttpStatusCode.Created);
        var single = await ApiAssert.JsonAsync(await admin.PostAsJsonAsync(url, new { from = "2027-07-02", name = "Offsite" }), HttpStatusCode.Created);
        Assert.Equal("2027-07-02", single.GetProperty("to").GetString());

        var list = await ApiAssert.JsonAsync(await company.GetAsync(url), HttpStatusCode.OK);
        Assert.Equal(2, list.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync(url, new { from = "2027-01-04", name = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"{url}/{created.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/companies/{Guid.NewGuid()}/closures")).StatusCode);

        var before = await app.CountAsync("company_closures");
        await ApiAssert.ValidationProblemAsync(await company.PostAsJsonAsync(url, new { from = "2027-05-05", to = "2027-05-01", name = "Backwards" }), "to");
        await ApiAssert.ValidationProblemAsync(await company.PostAsJsonAsync(url, new { to = "2027-05-01", name = "No start" }), "from");
        Assert.Equal(before, await app.CountAsync("company_closures"));

        Assert.Equal(HttpStatusCode.NoContent, (await company.DeleteAsync($"{url}/{created.GetProperty("id").GetGuid()}")).StatusCode);
        Assert.Equal(1, (await ApiAssert.JsonAsync(await admin.GetAsync(url), HttpStatusCode.OK)).GetProperty("total").GetInt32());
    }
}
