using System.Net;
using System.Text;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// New rows' ids rise in file order (version 7 UUIDs with the line as the counter), so the primary keys take an import's
/// rows in order at their right edge; random ids within each batch made the skill rows' insert about a third slower.
/// </summary>
public sealed class ImportIdOrderTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Rows_inserted_by_one_import_get_version_7_ids_in_file_order_across_batches()
    {
        // More rows than one batch, so batches checked by different workers meet in the key order too.
        const int count = 5_000;
        var rows = Enumerable.Range(0, count).Select(i => Row($"p{i:D5}@idorder.example")).ToArray();

        using var client = await app.RecruiterAsync();
        var response = await client.PostAsync("/api/v1/professionals/import?mode=atomic", new StringContent(File(rows), new UTF8Encoding(false), "text/csv"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var stored = await app.QueryAsync("SELECT email, id::text FROM professionals WHERE email LIKE '%@idorder.example' ORDER BY id");
        Assert.Equal(count, stored.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"p{i:D5}@idorder.example"), stored.Select(r => r[0]));
        Assert.All(stored, r => Assert.Equal('7', r[1]![14]));
        Assert.All(stored, r => Assert.Contains(r[1]![19], "89ab"));
    }
}
