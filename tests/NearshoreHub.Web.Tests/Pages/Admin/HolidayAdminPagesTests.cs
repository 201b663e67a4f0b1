using System.Net;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>The admin holidays page (issue 17): lists a country's year, adds and deletes days, shows the tzdb in use; and company closures.</summary>
public sealed class HolidayAdminPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task An_admin_lists_adds_and_deletes_holidays_and_sees_the_time_zone_rules()
    {
        using var admin = await PageClient.AdminAsync(app);
        var html = WebUtility.HtmlDecode(await admin.GetHtmlAsync("/Admin/Holidays?country=BR&year=2027"));
        Assert.Contains("Tiradentes' Day", html, StringComparison.Ordinal);
        Assert.Contains($"tzdb {NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.TzdbVersion} (embedded)", html, StringComparison.Ordinal);

        var added = WebUtility.HtmlDecode(await admin.SubmitAsync("/Admin/Holidays?handler=Add&country=BR&year=2027",
            new() { ["Input.Country"] = "BR", ["Input.Date"] = "2027-06-03", ["Input.Name"] = "Corpus Christi (company policy)" }));
        Assert.Contains("Corpus Christi (company policy)", added, StringComparison.Ordinal);

        var refused = await admin.PostFormAsync("/Admin/Holidays?handler=Add&country=BR&year=2027",
            new() { ["Input.Country"] = "BR", ["Input.Date"] = "2040-01-01", ["Input.Name"] = "Too late" }, "/Admin/Holidays?country=BR&year=2027");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("2035-12-31", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(0L, await app.CountAsync("holidays", "name = 'Too late'"));

        var id = (await app.QueryAsync("SELECT id FROM holidays WHERE name = 'Corpus Christi (company policy)'"))[0][0];
        await admin.SubmitAsync($"/Admin/Holidays?handler=Delete&holidayId={id}&country=BR&year=2027", []);
        Assert.Equal(1L, await app.CountAsync("holidays", $"id = '{id}' AND deleted_at IS NOT NULL"));
    }

    [Fact]
    public async Task An_admin_adds_and_deletes_a_company_closure_on_the_company_page()
    {
        var (companyId, _, _) = await app.CreateCompanyWithKeyAsync("Closure Page Co");
        using var admin = await PageClient.AdminAsync(app);
        var html = WebUtility.HtmlDecode(await admin.SubmitAsync($"/Admin/Companies/Details/{companyId}?handler=AddClosure",
            new() { ["Closure.From"] = "2027-12-27", ["Closure.To"] = "2027-12-31", ["Closure.Name"] = "Year-end shutdown" }));
        Assert.Contains("2027-12-27 to 2027-12-31: Year-end shutdown", html, StringComparison.Ordinal);

        var bad = await admin.PostFormAsync($"/Admin/Companies/Details/{companyId}?handler=AddClosure",
            new() { ["Closure.From"] = "2027-12-27", ["Closure.To"] = "2027-12-01", ["Closure.Name"] = "Backwards" });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Equal(1L, await app.CountAsync("company_closures", $"company_id = '{companyId}'"));

        var id = (await app.QueryAsync($"SELECT id FROM company_closures WHERE company_id = '{companyId}'"))[0][0];
        await admin.SubmitAsync($"/Admin/Companies/Details/{companyId}?handler=DeleteClosure&closureId={id}", []);
        Assert.Equal(0L, await app.CountAsync("company_closures", $"company_id = '{companyId}'"));
    }
}
