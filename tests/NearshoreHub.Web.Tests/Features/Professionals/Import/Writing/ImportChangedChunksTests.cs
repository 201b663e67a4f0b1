using System.Globalization;
using System.Text.RegularExpressions;
using NearshoreHub.Web.Tests.Security;
using Npgsql;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// Changed rows are written in chunks that grow as the new rows' do, the first after 512 of them
/// (<see cref="NearshoreHub.Web.Features.Professionals.ImportSizes.Import"/>): PostgreSQL's connection starts on a file
/// that begins with changed rows while the rest of it is read, instead of waiting for 16,384 of them.
/// </summary>
public sealed class ImportChangedChunksTests(LogCapturingApiFactory app) : IClassFixture<LogCapturingApiFactory>
{
    [Fact]
    public async Task A_file_of_changed_rows_is_written_in_several_chunks_and_every_row_is_written()
    {
        const int count = 2_777;
        var rows = Enumerable.Range(0, count).Select(i => Row($"c{i:D4}@changed-chunks.example").With("skills", "Java:3:1;Go:2:1")).ToArray();
        Assert.Equal((count, 0), await ImportAsync(rows));

        foreach (var row in rows)
        {
            row.With("hourlyRateUsd", "61.75").With("skills", "Java:4:2;Go:2:1");
        }

        Assert.Equal((0, count), await ImportAsync(rows));

        // 512 rows, then 1,024, then the rest: three chunks where a fixed chunk of 16,384 made one.
        var phases = Assert.Single(app.Logs.Events.Select(e => e.RenderMessage()), m => m.Contains($"({count} rows in ", StringComparison.Ordinal));
        var chunks = int.Parse(Regex.Match(phases, $@"\({count} rows in (\d+) chunks").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(chunks >= 3, phases);

        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT count(*) FILTER (WHERE p.hourly_rate_usd = 61.75),
                   count(*) FILTER (WHERE s.level = 4 AND s.years = 2)
            FROM professionals p
            JOIN professional_skills s ON s.professional_id = p.id AND s.skill_id = (SELECT id FROM skills WHERE name = 'Java')
            WHERE p.email LIKE '%@changed-chunks.example'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((count, count), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    [Fact]
    public async Task A_chunk_kept_from_an_import_that_changed_skill_sets_serves_the_next_import_empty()
    {
        // Chunks of changed rows are kept for the next import (ImportChangedRows.Keep): what one import left in them
        // (its rows, the ids whose skill sets differ) must not reach the next. The first import changes skill sets, the
        // second rates and a level, of other professionals.
        var sets = Enumerable.Range(0, 600).Select(i => Row($"s{i:D3}@kept-chunks.example").With("skills", "Java:3:1;Go:2:1")).ToArray();
        var rates = Enumerable.Range(0, 600).Select(i => Row($"r{i:D3}@kept-chunks.example").With("skills", "Java:3:1;Go:2:1")).ToArray();
        Assert.Equal((1_200, 0), await ImportAsync([.. sets, .. rates]));
        foreach (var row in sets)
        {
            row.With("skills", "Java:3:1;Python:2:1");
        }

        Assert.Equal((0, 600), await ImportAsync(sets));
        foreach (var row in rates)
        {
            row.With("hourlyRateUsd", "71.25").With("skills", "Java:4:1;Go:2:1");
        }

        Assert.Equal((0, 600), await ImportAsync(rates));

        var skills = await app.SkillsByEmailAsync("kept-chunks.example");
        Assert.Equal(1_200, skills.Count);
        Assert.All(sets, row => Assert.Equal("Java:3:1;Python:2:1", skills[row["email"]]));
        Assert.All(rates, row => Assert.Equal("Go:2:1;Java:4:1", skills[row["email"]]));
    }

    private async Task<(int Inserted, int Updated)> ImportAsync(Dictionary<string, string>[] rows)
    {
        var (inserted, updated, _) = await app.ImportPartialAsync(File(rows));
        return (inserted, updated);
    }
}
