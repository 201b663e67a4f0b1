using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>The import's warm-up at start rehearses whole imports and leaves nothing behind.</summary>
public sealed class ImportWarmUpTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task A_warm_up_imports_its_generated_rows_and_rolls_every_one_back()
    {
        var warmUp = app.Services.GetRequiredService<ImportWarmUp>();
        const string Counts = """
            SELECT (SELECT count(*) FROM professionals), (SELECT count(*) FROM professional_skills), (SELECT count(*) FROM audit_entries)
            """;
        var before = await app.QueryAsync(Counts);

        // The rehearsal itself throws unless every generated row was read as new (so the generated file is valid).
        var summary = await warmUp.RunAsync(rows: 3_000, rounds: 2, CancellationToken.None);

        Assert.InRange(summary.Rounds, 1, 2);
        Assert.Equal(3_000, summary.Rows);
        Assert.Equal(before.Single(), (await app.QueryAsync(Counts)).Single());
        Assert.Empty(await app.QueryAsync("SELECT id FROM professionals WHERE email LIKE 'warm-up.%'"));
    }
}
