using System.Net;
using System.Text;
using System.Text.Json;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>The answer lists at most <see cref="ProfessionalImport.MaxListedRejections"/> rejections: the first by line.</summary>
public sealed class ImportRejectionListTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Over_the_listing_limit_the_answer_lists_the_first_lines_even_when_found_last()
    {
        // Line 3 repeats line 2's email, which only the database finds, after the whole file was read; the
        // bad time zones after it are found while reading. Together they are one more than the list holds.
        const int badZones = ProfessionalImport.MaxListedRejections;
        var rows = new List<Dictionary<string, string>> { Row("same@listlimit.example"), Row("same@listlimit.example") };
        rows.AddRange(Enumerable.Range(0, badZones).Select(i => Row($"z{i}@listlimit.example").With("timeZone", "Mars/Olympus_Mons")));

        using var client = await app.RecruiterAsync();
        var response = await client.PostAsync("/api/v1/professionals/import?mode=partial", new StringContent(File([.. rows]), new UTF8Encoding(false), "text/csv"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(1, body.GetProperty("inserted").GetInt32());
        Assert.Equal(badZones + 1, body.GetProperty("rejectedCount").GetInt32());
        var listed = body.GetProperty("rejected").EnumerateArray()
            .Select(r => (r.GetProperty("line").GetInt32(), r.GetProperty("field").GetString())).ToList();
        Assert.Equal(ProfessionalImport.MaxListedRejections, listed.Count);
        Assert.Equal((3, "email"), listed[0]);
        Assert.Equal(Enumerable.Range(4, badZones - 1).Select(line => (line, (string?)"timeZone")), listed.Skip(1));

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM professionals WHERE email LIKE '%@listlimit.example'", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync());
    }
}
