using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>The import's warm-up at start rehearses whole imports (new rows, and stored ones changed and as they are) and leaves nothing behind.</summary>
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

    [Fact]
    public async Task A_warm_up_rehearses_stored_people_changed_and_as_they_are_and_leaves_them_as_they_were()
    {
        var rows = Enumerable.Range(0, 40).Select(i => Row($"stored.{i}@warm-up-stored.example")
            .With("hourlyRateUsd", (40 + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".25")
            .With("skills", i % 3 == 0 ? "C#:5:8;PostgreSQL:4:6;Go:1:0" : "C#:2:8;PostgreSQL:4:6")).ToArray();
        Assert.Equal((40, 0, 0), await app.ImportPartialAsync(File(rows)));
        const string Stored = """
            SELECT p.email, p.hourly_rate_usd::text, p.city_population::text, p.city_size, p.search_text, encode(p.import_hash, 'hex'),
                   p.updated_at::text, p.xmin::text,
                   (SELECT string_agg(ps.skill_id || ':' || ps.level || ':' || ps.years || ':' || ps.xmin, ';' ORDER BY ps.skill_id)
                    FROM professional_skills ps WHERE ps.professional_id = p.id)
            FROM professionals p ORDER BY p.id
            """;
        var before = await app.QueryAsync(Stored);
        var audit = await app.QueryAsync("SELECT count(*) FROM audit_entries");

        var summary = await app.Services.GetRequiredService<ImportWarmUp>().RunAsync(rows: 500, rounds: 1, CancellationToken.None);

        // Every stored person with a digest was rehearsed: changed (the rate, a skill's level, every fourth one's
        // population), each read as updated, and as exported, each read as unchanged.
        var withDigest = before.Count(r => r[5] is not null);
        Assert.Equal(40, withDigest);
        Assert.Equal((withDigest, withDigest, withDigest), (summary.StoredRows, summary.StoredUpdated, summary.StoredUnchanged));

        // Rolled back: the same rows, row versions (xmin) and skill rows, and nothing audited.
        Assert.Equal(before, await app.QueryAsync(Stored));
        Assert.Equal(audit, await app.QueryAsync("SELECT count(*) FROM audit_entries"));
    }
}
