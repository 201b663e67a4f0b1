using System.Net;
using System.Net.Http.Json;
using System.Text;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// New rows are written chunk by chunk while the file is read, and a changed row's skill rows are brought to the file's
/// by writing only the difference: both must leave exactly what the file says.
/// </summary>
public sealed class ImportSkillDiffTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private Task<(int Inserted, int Updated, int Unchanged)> Import(string file) => app.ImportAtomicAsync(file);

    private Task<Dictionary<string, string>> Skills(string domain) => app.SkillsByEmailAsync(domain);

    [Fact]
    public async Task A_changed_row_keeps_exactly_the_skills_the_file_lists()
    {
        var rows = Enumerable.Range(0, 6).Select(i => Row($"d{i}@skilldiff.example").With("skills", "Java:3:1;Go:2:4;C#:5:8")).ToArray();
        Assert.Equal((6, 0, 0), await Import(File(rows)));

        rows[0].With("skills", "Java:3:1;C#:5:8");                 // one dropped
        rows[1].With("skills", "Java:4:1;Go:2:5;C#:5:8");          // a level and a years changed
        rows[2].With("skills", "Java:3:1;Go:2:4;C#:5:8;Python:2:1"); // one added
        rows[3].With("skills", "");                                 // all dropped
        rows[4].With("skills", "Python:1:0;Java:5:9").With("hourlyRateUsd", "77"); // dropped, changed and added at once
        Assert.Equal((0, 5, 1), await Import(File(rows)));

        Assert.Equal(new Dictionary<string, string>
        {
            ["d0@skilldiff.example"] = "C#:5:8;Java:3:1",
            ["d1@skilldiff.example"] = "C#:5:8;Go:2:5;Java:4:1",
            ["d2@skilldiff.example"] = "C#:5:8;Go:2:4;Java:3:1;Python:2:1",
            ["d3@skilldiff.example"] = "",
            ["d4@skilldiff.example"] = "Java:5:9;Python:1:0",
            ["d5@skilldiff.example"] = "C#:5:8;Go:2:4;Java:3:1",
        }, await Skills("skilldiff.example"));

        // What was written is what a re-import reads back as unchanged.
        Assert.Equal((0, 0, 6), await Import(File(rows)));
    }

    [Fact]
    public async Task New_rows_over_several_chunks_are_all_written_with_every_skill_row()
    {
        // More rows than the first chunk (2,048) and a full one (8,192) together, so three chunks are written while reading.
        const int count = 11_000;
        var rows = Enumerable.Range(0, count).Select(i => Row($"c{i:D5}@chunks.example").With("skills", i % 3 == 0 ? "" : "Java:3:1;Go:2:4")).ToArray();

        Assert.Equal((count, 0, 0), await Import(File(rows)));

        var stored = await app.QueryAsync("""
            SELECT count(DISTINCT p.id), count(ps.skill_id) FROM professionals p LEFT JOIN professional_skills ps ON ps.professional_id = p.id
            WHERE p.email LIKE '%@chunks.example'
            """);
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), stored[0][0]);
        Assert.Equal((2 * Enumerable.Range(0, count).Count(i => i % 3 != 0)).ToString(System.Globalization.CultureInfo.InvariantCulture), stored[0][1]);
    }

    [Fact]
    public async Task Changed_rows_over_several_chunks_between_new_rows_are_all_written()
    {
        // More changed rows than a chunk (4,096), with new rows before and after them: both are written while the file
        // is read, the changed rows between the new rows' chunks (whose row triggers are off by then), some of them
        // gaining a skill row.
        const int changed = 4_500, fresh = 700;
        var stored = Enumerable.Range(0, changed).Select(i => Row($"m{i:D5}@changedchunks.example").With("skills", "Java:3:1;Go:2:4")).ToArray();
        Assert.Equal((changed, 0, 0), await Import(File(stored)));

        var before = Enumerable.Range(0, fresh).Select(i => Row($"b{i:D5}@changedchunks.example").With("skills", "Python:2:1"));
        var after = Enumerable.Range(0, fresh).Select(i => Row($"z{i:D5}@changedchunks.example").With("skills", "Go:1:1"));
        foreach (var (row, i) in stored.Select((row, i) => (row, i)))
        {
            row.With("hourlyRateUsd", "61").With("skills", i % 2 == 0 ? "Java:4:2" : "Java:3:1;Go:2:4;Python:5:9");
        }

        Assert.Equal((2 * fresh, changed, 0), await Import(File([.. before, .. stored, .. after])));

        var skills = await Skills("changedchunks.example");
        Assert.Equal(changed + (2 * fresh), skills.Count);
        Assert.All(Enumerable.Range(0, changed), i => Assert.Equal(i % 2 == 0 ? "Java:4:2" : "Go:2:4;Java:3:1;Python:5:9", skills[$"m{i:D5}@changedchunks.example"]));
        Assert.All(Enumerable.Range(0, fresh), i => Assert.Equal("Python:2:1", skills[$"b{i:D5}@changedchunks.example"]));
        Assert.All(Enumerable.Range(0, fresh), i => Assert.Equal("Go:1:1", skills[$"z{i:D5}@changedchunks.example"]));
        var rates = await app.QueryAsync("SELECT count(*) FROM professionals WHERE email LIKE 'm%@changedchunks.example' AND hourly_rate_usd = 61");
        Assert.Equal(changed.ToString(System.Globalization.CultureInfo.InvariantCulture), rates[0][0]);

        // What was written is what a re-import reads back as unchanged.
        Assert.Equal((0, 0, changed + (2 * fresh)), await Import(File([.. before, .. stored, .. after])));
    }

    [Fact]
    public async Task A_changed_skill_level_is_rewritten_on_the_page_that_held_it()
    {
        // Six skill rows each, one of them changed: a sixth of the rows on every page. Pages written full (fillfactor 100)
        // have no room, so each changed row would move to another page and gain a new entry in both indexes; the fifth
        // left free (ProfessionalSkillConfiguration) keeps it where it was.
        const int count = 1_500;
        const string others = ";Go:2:4;C#:5:8;Python:2:1;Rust:3:2;Ruby:1:1";
        var rows = Enumerable.Range(0, count).Select(i => Row($"p{i:D4}@inplace.example").With("skills", "Java:3:1" + others)).ToArray();
        Assert.Equal((count, 0, 0), await Import(File(rows)));
        const string javaPages = """
            SELECT p.email, (s.ctid::text::point)[0]::bigint FROM professionals p
            JOIN professional_skills s ON s.professional_id = p.id AND s.skill_id = (SELECT id FROM skills WHERE name = 'Java')
            WHERE p.email LIKE '%@inplace.example'
            """;
        var before = (await app.QueryAsync(javaPages)).ToDictionary(r => r[0]!, r => r[1]);

        foreach (var row in rows)
        {
            row.With("skills", "Java:4:1" + others);
        }

        Assert.Equal((0, count, 0), await Import(File(rows)));
        var after = (await app.QueryAsync(javaPages)).ToDictionary(r => r[0]!, r => r[1]);
        Assert.Equal(count, after.Count);
        var inPlace = after.Count(a => before[a.Key] == a.Value);
        Assert.True(inPlace >= count * 9 / 10, $"{inPlace} of {count} changed skill rows stayed on their page");
        Assert.All((await Skills("inplace.example")).Values, v => Assert.StartsWith("C#:5:8;Go:2:4;Java:4:1;", v));
    }
}
