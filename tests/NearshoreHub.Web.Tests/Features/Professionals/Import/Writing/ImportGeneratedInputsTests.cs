using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Tests.Security;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// The stored digest's fourth part (<see cref="ProfessionalImportHash.SameGeneratedInputs"/>) tells a changed row's
/// import whether the columns PostgreSQL computes search_text and city_size from changed: where they did not, the
/// update leaves them out and neither generated column is computed again; where they did, or the stored digest cannot
/// say, every column is written and both come out right.
/// </summary>
public sealed class ImportGeneratedInputsTests(LogCapturingApiFactory app) : IClassFixture<LogCapturingApiFactory>
{
    [Fact]
    public void The_digest_tells_whether_the_name_headline_city_or_population_changed()
    {
        var catalog = app.Services.GetRequiredService<SkillCatalog>();
        byte[] Digest(Func<ProfessionalRequest, ProfessionalRequest> change) => ImportHashTests.Digest(change(ImportHashTests.BaseRequest), catalog, DateTimeOffset.UtcNow);

        var stored = Digest(r => r);
        Assert.Equal(ProfessionalImportHash.Length, stored.Length);
        bool Same(Func<ProfessionalRequest, ProfessionalRequest> change) => ProfessionalImportHash.SameGeneratedInputs(stored, Digest(change));
        Assert.Equal(
            new Dictionary<string, bool>
            {
                ["rate"] = true,
                ["country"] = true,
                ["skills"] = true,
                ["name"] = false,
                ["headline"] = false,
                ["city"] = false,
                ["population"] = false,
            },
            new Dictionary<string, bool>
            {
                ["rate"] = Same(r => r with { HourlyRateUsd = 46m }),
                ["country"] = Same(r => r with { Country = "AR" }),
                ["skills"] = Same(r => r with { Skills = [new SkillLevelRequest("Java", 3, 1)] }),
                ["name"] = Same(r => r with { FullName = r.FullName + " Filho" }),
                ["headline"] = Same(r => r with { Headline = r.Headline + "!" }),
                ["city"] = Same(r => r with { City = "Cabrobó" }),
                ["population"] = Same(r => r with { CityPopulation = 1_500_000 }),
            });

        // A digest stored before this part (row and skill parts, 2026-12-04) says nothing about the inputs, and its
        // skill parts still say what they did.
        var skillParts = stored[..(ProfessionalImportHash.RowLength + 16)];
        Assert.False(ProfessionalImportHash.SameGeneratedInputs(skillParts, Digest(r => r with { HourlyRateUsd = 46m })));
        Assert.Equal(ImportSkillChange.None, ProfessionalImportHash.CompareSkills(skillParts, Digest(r => r with { HourlyRateUsd = 46m })));
        Assert.Equal(ImportSkillChange.Set, ProfessionalImportHash.CompareSkills(skillParts, Digest(r => r with { Skills = [] })));
    }

    [Fact]
    public async Task The_columns_left_out_are_exactly_those_the_generated_columns_are_computed_from()
    {
        // PostgreSQL's own record of what each stored generated column of professionals reads: a generated column added
        // or redefined on other columns must show up here, or rows updated without their inputs would keep stale values.
        var read = (await app.QueryAsync("""
            SELECT DISTINCT a.attname FROM pg_attribute g
            JOIN pg_attrdef d ON d.adrelid = g.attrelid AND d.adnum = g.attnum
            JOIN pg_depend dep ON dep.classid = 'pg_attrdef'::regclass AND dep.objid = d.oid AND dep.refobjid = g.attrelid AND dep.refobjsubid > 0 AND dep.refobjsubid <> g.attnum
            JOIN pg_attribute a ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
            WHERE g.attrelid = 'professionals'::regclass AND g.attgenerated = 's'
            """)).Select(r => r[0]!).Order(StringComparer.Ordinal);
        Assert.Equal(ProfessionalsTable.GeneratedInputColumns.Split(", ").Order(StringComparer.Ordinal), read);
        Assert.Equal(
            ProfessionalsTable.DataColumns.Split(", ").Except(ProfessionalsTable.GeneratedInputColumns.Split(", ")),
            ProfessionalsTable.DataColumnsButGeneratedInputs.Split(", "));
    }

    [Fact]
    public async Task Rows_whose_inputs_are_the_same_are_updated_without_them_and_the_others_get_their_generated_columns_computed_again()
    {
        var rows = Enumerable.Range(0, 40).Select(i => Row($"g{i:D2}@generated-inputs.example").With("cityPopulation", "50000")).ToArray();
        Assert.Equal((40, 0), await ImportAsync(rows));
        // Two rows as written before the digest had the fourth part: whatever changes, they are written whole.
        await app.QueryAsync($"UPDATE professionals SET import_hash = substr(import_hash, 1, {ProfessionalImportHash.RowLength + 16}) WHERE email IN ('g38@generated-inputs.example', 'g39@generated-inputs.example')");

        foreach (var row in rows)
        {
            row.With("hourlyRateUsd", "58.25");
        }

        rows[0].With("fullName", "João Pereira");
        rows[1].With("headline", "Staff engineer, Ñandú payments");
        rows[2].With("city", "Cabrobó");
        rows[3].With("cityPopulation", "1500000");
        Assert.Equal((0, 40), await ImportAsync(rows));

        var phases = Assert.Single(app.Logs.Events.Select(e => e.RenderMessage()), m => m.Contains("(40 rows in ", StringComparison.Ordinal));
        var narrow = Regex.Match(phases, @"\(40 rows in \d+ chunks?, (\d+) without the generated columns' inputs");
        Assert.True(narrow.Success, phases);
        Assert.Equal(34, int.Parse(narrow.Groups[1].Value, CultureInfo.InvariantCulture));

        var stored = (await app.QueryAsync("""
            SELECT email, hourly_rate_usd::text, search_text, city_size, length(import_hash)::text
            FROM professionals WHERE email LIKE '%@generated-inputs.example'
            """)).ToDictionary(r => r[0]!, r => (Rate: r[1], Search: r[2], Size: r[3], Digest: r[4]));
        Assert.All(stored.Values, s => Assert.Equal(("58.25", $"{ProfessionalImportHash.Length}"), (s.Rate, s.Digest)));
        Assert.Equal(("joao pereira senior backend engineer campina grande", "town"), Generated(0));
        Assert.Equal(("ana souza staff engineer, nandu payments campina grande", "town"), Generated(1));
        Assert.Equal(("ana souza senior backend engineer cabrobo", "town"), Generated(2));
        Assert.Equal(("ana souza senior backend engineer campina grande", "metro"), Generated(3));
        Assert.All(Enumerable.Range(4, 36), i => Assert.Equal(("ana souza senior backend engineer campina grande", "town"), Generated(i)));
        (string?, string?) Generated(int i) => (stored[$"g{i:D2}@generated-inputs.example"].Search, stored[$"g{i:D2}@generated-inputs.example"].Size);

        // Read back as they are now: nothing to write.
        Assert.Equal((0, 0), await ImportAsync(rows));
    }

    private async Task<(int Inserted, int Updated)> ImportAsync(Dictionary<string, string>[] rows)
    {
        var (inserted, updated, _) = await app.ImportPartialAsync(File(rows));
        return (inserted, updated);
    }
}
