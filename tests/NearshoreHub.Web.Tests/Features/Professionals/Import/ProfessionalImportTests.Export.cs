using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>The export: the import's own format, the search's filters, staff only.</summary>
public sealed partial class ProfessionalImportTests
{
    [Fact]
    public async Task Export_streams_the_import_format_and_importing_it_back_changes_nothing()
    {
        var rows = new[]
        {
            Row("a@round.example").With("headline", "Line \"two\", with comma").With("fullName", "Zoë Ñandú"),
            Row("b@round.example").With("workingDays", "Sat;Sun").With("workStart", "07:30").With("workEnd", "15:45").With("isRural", "true").With("country", "MX").With("timeZone", "America/Mexico_City"),
            Row("c@round.example").With("skills", "").With("hourlyRateUsd", "0").With("status", "placed").With("seniority", "lead"),
        };
        Assert.Equal(HttpStatusCode.OK, (await Import(File(rows))).Status);

        using var client = await app.RecruiterAsync();
        var export = await client.GetAsync("/api/v1/professionals/export?country=MX");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var all = await client.GetAsync("/api/v1/professionals/export");
        var csv = await all.Content.ReadAsStringAsync();
        Assert.StartsWith(string.Join(',', Header) + "\r\n", csv);
        Assert.Contains("\"Line \"\"two\"\", with comma\"", csv);

        var (status, body) = await Import("", "atomic", Csv(csv));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, body.GetProperty("inserted").GetInt32());
        Assert.Equal(0, body.GetProperty("updated").GetInt32());
        Assert.True(body.GetProperty("unchanged").GetInt32() >= 3);
    }

    [Fact]
    public async Task Export_takes_the_search_filters()
    {
        Assert.Equal(HttpStatusCode.OK, (await Import(File(
            Row("br@filter.example").With("city", "Filterville"),
            Row("ar@filter.example").With("city", "Filterville").With("country", "AR").With("timeZone", "America/Argentina/Cordoba")))).Status);

        using var client = await app.RecruiterAsync();
        var csv = await client.GetStringAsync("/api/v1/professionals/export?country=AR&q=filterville");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("ar@filter.example", lines[1]);

        var bad = await client.GetAsync("/api/v1/professionals/export?country=ZZ");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Import_and_export_need_a_staff_sign_in()
    {
        using var anonymous = app.Anonymous();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/professionals/import", Csv(File(Row("x@auth.example"))))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/professionals/export")).StatusCode);
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Import Outsider");
        using var company = app.WithApiKey(key);
        Assert.Equal(HttpStatusCode.Forbidden, (await company.PostAsync("/api/v1/professionals/import", Csv(File(Row("x@auth.example"))))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await company.GetAsync("/api/v1/professionals/export")).StatusCode);
        Assert.Equal(0, await Count("auth.example"));
    }
}
