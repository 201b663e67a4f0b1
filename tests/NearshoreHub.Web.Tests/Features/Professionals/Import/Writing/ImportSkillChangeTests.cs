using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// The stored digest's skill parts (<see cref="ProfessionalImportHash.CompareSkills"/>) tell a changed row's import
/// whether its skills changed, and whether their set did, without reading the stored skill rows: a file that changes
/// only rates must not touch them, and a digest stored before those parts existed must neither make an unchanged row
/// look changed nor let a changed skill go unwritten.
/// </summary>
public sealed class ImportSkillChangeTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private Task<(int Inserted, int Updated, int Unchanged)> Import(string file) => app.ImportAtomicAsync(file);

    private Task<Dictionary<string, string>> Skills(string domain) => app.SkillsByEmailAsync(domain);

    [Fact]
    public void The_digest_tells_whether_the_skills_their_levels_or_their_set_changed()
    {
        var catalog = app.Services.GetRequiredService<SkillCatalog>();
        byte[] Digest(Func<ProfessionalRequest, ProfessionalRequest> change) => ImportHashTests.Digest(change(ImportHashTests.BaseRequest), catalog, DateTimeOffset.UtcNow);

        var stored = Digest(r => r);
        Assert.Equal(ProfessionalImportHash.Length, stored.Length);
        var cases = new Dictionary<string, (bool Same, ImportSkillChange Skills)>
        {
            ["same"] = (ProfessionalImportHash.SameRow(stored, Digest(r => r)), ProfessionalImportHash.CompareSkills(stored, Digest(r => r))),
            ["rate"] = Compare(r => r with { HourlyRateUsd = 46m }),
            ["years"] = Compare(r => r with { Skills = [new SkillLevelRequest("Java", 3, 2), new SkillLevelRequest("Go", 2, 4)] }),
            ["level"] = Compare(r => r with { Skills = [new SkillLevelRequest("Java", 3, 1), new SkillLevelRequest("Go", 1, 4)] }),
            ["dropped"] = Compare(r => r with { Skills = [new SkillLevelRequest("Java", 3, 1)] }),
            ["swapped"] = Compare(r => r with { Skills = [new SkillLevelRequest("Java", 3, 1), new SkillLevelRequest("Python", 2, 4)] }),
            ["none"] = Compare(r => r with { Skills = [] }),
        };
        (bool, ImportSkillChange) Compare(Func<ProfessionalRequest, ProfessionalRequest> change)
        {
            var file = Digest(change);
            return (ProfessionalImportHash.SameRow(stored, file), ProfessionalImportHash.CompareSkills(stored, file));
        }

        Assert.Equal(new Dictionary<string, (bool, ImportSkillChange)>
        {
            ["same"] = (true, ImportSkillChange.None),
            ["rate"] = (false, ImportSkillChange.None),
            ["years"] = (false, ImportSkillChange.Levels),
            ["level"] = (false, ImportSkillChange.Levels),
            ["dropped"] = (false, ImportSkillChange.Set),
            ["swapped"] = (false, ImportSkillChange.Set),
            ["none"] = (false, ImportSkillChange.Set),
        }, cases);

        // A digest stored before the skill parts: its row part still says "the same row", and nothing about the skills.
        var old = stored[..ProfessionalImportHash.RowLength];
        Assert.True(ProfessionalImportHash.SameRow(old, Digest(r => r)));
        Assert.False(ProfessionalImportHash.SameRow(old, Digest(r => r with { HourlyRateUsd = 46m })));
        Assert.Equal(ImportSkillChange.Unknown, ProfessionalImportHash.CompareSkills(old, Digest(r => r with { HourlyRateUsd = 46m })));
    }

    [Fact]
    public async Task A_changed_level_or_years_rewrites_that_skill_row_alone()
    {
        var rows = Enumerable.Range(0, 3).Select(i => Row($"d{i}@onlydiff.example").With("skills", "Java:3:1;Go:2:4;C#:5:60")).ToArray();
        Assert.Equal((3, 0, 0), await Import(File(rows)));
        const string versions = """
            SELECT p.email || ' ' || k.name, s.xmin::text FROM professionals p
            JOIN professional_skills s ON s.professional_id = p.id JOIN skills k ON k.id = s.skill_id
            WHERE p.email LIKE '%@onlydiff.example'
            """;
        var before = (await app.QueryAsync(versions)).ToDictionary(r => r[0]!, r => r[1]);

        rows[0].With("skills", "Java:4:1;Go:2:5;C#:5:60");            // a level and a years
        rows[1].With("skills", "Java:3:1;Go:2:4;C#:5:60;Python:1:0"); // one added: another set
        rows[2].With("skills", "C#:5:60;Go:2:4;Java:1:1");           // listed in another order, one level
        Assert.Equal((0, 3, 0), await Import(File(rows)));

        var after = (await app.QueryAsync(versions)).ToDictionary(r => r[0]!, r => r[1]);
        Assert.Equal(["d0@onlydiff.example Go", "d0@onlydiff.example Java", "d2@onlydiff.example Java"],
            before.Keys.Where(k => after[k] != before[k]).Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, string>
        {
            ["d0@onlydiff.example"] = "C#:5:60;Go:2:5;Java:4:1",
            ["d1@onlydiff.example"] = "C#:5:60;Go:2:4;Java:3:1;Python:1:0",
            ["d2@onlydiff.example"] = "C#:5:60;Go:2:4;Java:1:1",
        }, await Skills("onlydiff.example"));

        // The stored rows as PostgreSQL packs them to compare with the file's packed list are what the import packs.
        var packed = await app.QueryAsync($"""
            SELECT s.skill_id, s.level, s.years, {ImportSkillDiff.PackedStored} FROM professional_skills s
            JOIN professionals p ON p.id = s.professional_id WHERE p.email LIKE '%@onlydiff.example'
            """);
        Assert.Equal(10, packed.Count);
        Assert.All(packed, r => Assert.Equal(
            ImportSkillDiff.Pack(int.Parse(r[0]!, CultureInfo.InvariantCulture), short.Parse(r[1]!, CultureInfo.InvariantCulture), short.Parse(r[2]!, CultureInfo.InvariantCulture)),
            long.Parse(r[3]!, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_file_that_changes_only_rates_never_writes_to_the_skill_rows()
    {
        const int count = 600;
        var rows = Enumerable.Range(0, count).Select(i => Row($"r{i:D3}@ratesonly.example").With("skills", "Java:3:1;Go:2:4")).ToArray();
        Assert.Equal((count, 0, 0), await Import(File(rows)));
        foreach (var row in rows)
        {
            row.With("hourlyRateUsd", "52.25");
        }

        // Another transaction keeps every write out of professional_skills (SHARE conflicts with what any UPDATE, DELETE
        // or COPY there takes first, reads go on): the import must finish without waiting for it.
        await using var other = new NpgsqlConnection(app.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var lockSkills = new NpgsqlCommand("LOCK TABLE professional_skills IN SHARE MODE", other, transaction))
        {
            await lockSkills.ExecuteNonQueryAsync();
        }

        var import = Import(File(rows));
        var waited = Stopwatch.StartNew();
        var blocked = false;
        while (!import.IsCompleted && waited.Elapsed < TimeSpan.FromSeconds(60))
        {
            blocked = await app.CountAsync("pg_locks", "relation = 'professional_skills'::regclass AND NOT granted") > 0;
            if (blocked)
            {
                break;
            }

            await Task.Delay(20);
        }

        await transaction.RollbackAsync();
        Assert.False(blocked, "The import waited to write professional_skills though the file changed no skill.");
        Assert.Equal((0, count, 0), await import);
        Assert.Equal(count, await app.CountAsync("professionals", "email LIKE '%@ratesonly.example' AND hourly_rate_usd = 52.25"));
        Assert.All((await Skills("ratesonly.example")).Values, skills => Assert.Equal("Go:2:4;Java:3:1", skills));
    }

    [Fact]
    public async Task Rows_stored_with_a_digest_from_before_its_skill_parts_stay_unchanged_and_their_changed_skills_are_written()
    {
        var rows = Enumerable.Range(0, 5).Select(i => Row($"o{i}@olddigest.example").With("skills", "Java:3:1;Go:2:4")).ToArray();
        Assert.Equal((5, 0, 0), await Import(File(rows)));
        // As rows written before 2026-12-04 keep it: the row part alone.
        await app.QueryAsync($"UPDATE professionals SET import_hash = substr(import_hash, 1, {ProfessionalImportHash.RowLength}) WHERE email LIKE '%@olddigest.example'");
        const string versions = "SELECT email, xmin::text FROM professionals WHERE email LIKE '%@olddigest.example'";
        var before = (await app.QueryAsync(versions)).ToDictionary(r => r[0]!, r => r[1]);

        Assert.Equal((0, 0, 5), await Import(File(rows)));
        Assert.Equal(before, (await app.QueryAsync(versions)).ToDictionary(r => r[0]!, r => r[1]));

        rows[0].With("skills", "Java:4:1;Go:2:4");                  // a level
        rows[1].With("skills", "Java:3:1;Python:1:2");              // one dropped, one added
        rows[2].With("hourlyRateUsd", "70");                         // the rate alone
        rows[3].With("skills", "Java:3:1;Go:2:4;Rust:5:5").With("hourlyRateUsd", "71"); // one added and the rate
        Assert.Equal((0, 4, 1), await Import(File(rows)));

        Assert.Equal(new Dictionary<string, string>
        {
            ["o0@olddigest.example"] = "Go:2:4;Java:4:1",
            ["o1@olddigest.example"] = "Java:3:1;Python:1:2",
            ["o2@olddigest.example"] = "Go:2:4;Java:3:1",
            ["o3@olddigest.example"] = "Go:2:4;Java:3:1;Rust:5:5",
            ["o4@olddigest.example"] = "Go:2:4;Java:3:1",
        }, await Skills("olddigest.example"));

        // The rows written carry the whole digest now; the one left alone keeps its old one; both read back as unchanged.
        var lengths = (await app.QueryAsync("SELECT email, length(import_hash) FROM professionals WHERE email LIKE '%@olddigest.example'")).ToDictionary(r => r[0]!, r => r[1]);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal($"{ProfessionalImportHash.Length}", lengths[$"o{i}@olddigest.example"]));
        Assert.Equal($"{ProfessionalImportHash.RowLength}", lengths["o4@olddigest.example"]);
        Assert.Equal((0, 0, 5), await Import(File(rows)));
    }
}
