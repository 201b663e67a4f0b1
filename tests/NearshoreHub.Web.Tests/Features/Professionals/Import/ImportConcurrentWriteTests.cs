using System.Diagnostics;
using System.Net;
using System.Text;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// The import looks rows up on a second connection, outside its transaction, and writes changed rows later. Another write
/// that lands between that lookup and the import's UPDATE must not leave a mix of the two, nor skill rows without their
/// professional. Here the other write holds the row until the import's UPDATE waits for it, and only then commits, so
/// the UPDATE finds the row changed (or gone) since the lookup. (Written for a change that read the changed rows'
/// skill rows with the lookup, measured and not kept, 2026-12-03; its two ways to go wrong failed the first case.)
/// </summary>
public sealed class ImportConcurrentWriteTests(SlowDeadlockCheckFactory app) : IClassFixture<SlowDeadlockCheckFactory>
{
    [Fact]
    public async Task A_row_another_write_changed_after_the_lookup_ends_with_exactly_the_files_skills()
    {
        var row = Row("c0@concurrentwrite.example").With("skills", "Java:3:1;Go:2:4");
        Assert.Equal((1, 0, 0), await app.ImportAtomicAsync(File(row)));
        row.With("hourlyRateUsd", "66").With("skills", "Java:4:1;C#:5:8");

        // As the API writes a professional: other skill rows and another digest, in one transaction.
        var (status, body) = await ImportWhileAnotherWriteHoldsAsync(File(row), "c0@concurrentwrite.example", """
            UPDATE professionals SET import_hash = overlay(import_hash PLACING '\xff'::bytea FROM 1) WHERE id = @id;
            DELETE FROM professional_skills WHERE professional_id = @id AND skill_id = (SELECT id FROM skills WHERE name = 'Go');
            INSERT INTO professional_skills (professional_id, skill_id, level, years) SELECT @id, id, 1, 1 FROM skills WHERE name = 'Python';
            """);

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(("66.00", "C#:5:8;Java:4:1"), await StoredAsync("c0@concurrentwrite.example"));

        // The digest written is the file row's again.
        Assert.Equal((0, 0, 1), await app.ImportAtomicAsync(File(row)));
    }

    [Fact]
    public async Task A_row_whose_skills_another_write_changed_after_the_lookup_gets_the_files_skills_though_the_file_changed_only_its_rate()
    {
        // The lookup's digest says the file's skills are the stored ones (so they are staged without their list); the
        // other write then changes them, a level too. The import must not trust what it saw: the row ends as the file
        // says, skills included, and its digest says so.
        var row = Row("s0@concurrentwrite.example").With("skills", "Java:3:1;Go:2:4");
        Assert.Equal((1, 0, 0), await app.ImportAtomicAsync(File(row)));
        row.With("hourlyRateUsd", "69");

        var (status, body) = await ImportWhileAnotherWriteHoldsAsync(File(row), "s0@concurrentwrite.example", """
            UPDATE professionals SET import_hash = overlay(import_hash PLACING '\xff'::bytea FROM 1) WHERE id = @id;
            UPDATE professional_skills SET level = 5 WHERE professional_id = @id AND skill_id = (SELECT id FROM skills WHERE name = 'Java');
            DELETE FROM professional_skills WHERE professional_id = @id AND skill_id = (SELECT id FROM skills WHERE name = 'Go');
            INSERT INTO professional_skills (professional_id, skill_id, level, years) SELECT @id, id, 1, 1 FROM skills WHERE name = 'Python';
            """);

        Assert.True(status == HttpStatusCode.OK, body);
        Assert.Equal(("69.00", "Go:2:4;Java:3:1"), await StoredAsync("s0@concurrentwrite.example"));
        Assert.Equal((0, 0, 1), await app.ImportAtomicAsync(File(row)));
    }

    [Fact]
    public async Task A_row_another_write_deleted_after_the_lookup_stops_the_import_with_nothing_written()
    {
        var row = Row("d0@concurrentwrite.example").With("skills", "Java:3:1");
        Assert.Equal((1, 0, 0), await app.ImportAtomicAsync(File(row)));
        row.With("hourlyRateUsd", "67");
        var fresh = Row("d1@concurrentwrite.example");

        var (status, body) = await ImportWhileAnotherWriteHoldsAsync(File(fresh, row), "d0@concurrentwrite.example", """
            DELETE FROM professional_skills WHERE professional_id = @id;
            DELETE FROM professionals WHERE id = @id;
            """);

        Assert.True(status == HttpStatusCode.Conflict, body);
        Assert.Contains("removed", body, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAsync("professionals", "email LIKE 'd%@concurrentwrite.example'"));
    }

    [Fact]
    public async Task A_deadlock_with_another_write_in_the_skill_rows_answers_409_with_nothing_written()
    {
        var row = Row("k0@concurrentwrite.example").With("skills", "Java:3:1;Go:2:4");
        Assert.Equal((1, 0, 0), await app.ImportAtomicAsync(File(row)));
        row.With("hourlyRateUsd", "68").With("skills", "Java:4:1;Go:2:4");

        // The other write holds the person's skill rows; the import updates the person, then waits for those rows in
        // the statement that compares them. The other write then updates the person too: each waits for the other.
        // PostgreSQL ends the one whose deadlock check finds the cycle: the import's (5 s after it began to wait, see
        // SlowDeadlockCheckFactory), as this transaction checks only after a minute. With both at the default second,
        // a busy machine could start this wait after the import's only check, and PostgreSQL then ended this one.
        var (status, body) = await ImportWhileAnotherWriteHoldsAsync(File(row), "k0@concurrentwrite.example",
            "UPDATE professional_skills SET years = years WHERE professional_id = @id", waitsIn: "UPDATE professional_skills s SET level",
            then: async (other, transaction, id) =>
            {
                await using (var late = new NpgsqlCommand("SET LOCAL deadlock_timeout = '60s'", other, transaction))
                {
                    await late.ExecuteNonQueryAsync();
                }

                await using var person = new NpgsqlCommand("UPDATE professionals SET updated_at = updated_at WHERE id = @id", other, transaction);
                person.Parameters.AddWithValue("id", id);
                await person.ExecuteNonQueryAsync();
                await transaction.RollbackAsync();
            });

        Assert.True(status == HttpStatusCode.Conflict, body);
        Assert.Contains("at the same time", body, StringComparison.Ordinal);
        Assert.Equal("45.50", (await app.QueryAsync("SELECT hourly_rate_usd FROM professionals WHERE email = 'k0@concurrentwrite.example'"))[0][0]);
    }

    /// <summary>
    /// Runs <paramref name="otherWrite"/> (<c>@id</c>: the professional with <paramref name="email"/>) in a transaction,
    /// posts the file as an atomic import, waits until the import's statement starting with <paramref name="waitsIn"/>
    /// (by default its UPDATE of professionals) waits for that transaction, then commits it (or runs <paramref name="then"/>).
    /// </summary>
    private async Task<(HttpStatusCode Status, string Body)> ImportWhileAnotherWriteHoldsAsync(string file, string email, string otherWrite,
        string waitsIn = "UPDATE professionals p SET", Func<NpgsqlConnection, NpgsqlTransaction, Guid, Task>? then = null)
    {
        await using var other = new NpgsqlConnection(app.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        Guid id;
        await using (var find = new NpgsqlCommand("SELECT id FROM professionals WHERE email = @email", other, transaction))
        {
            find.Parameters.AddWithValue("email", email);
            id = (Guid)(await find.ExecuteScalarAsync())!;
        }

        await using (var write = new NpgsqlCommand(otherWrite, other, transaction))
        {
            write.Parameters.AddWithValue("id", id);
            await write.ExecuteNonQueryAsync();
        }

        using var client = await app.RecruiterAsync();
        var import = client.PostAsync("/api/v1/professionals/import?mode=atomic", new StringContent(file, new UTF8Encoding(false), "text/csv"));
        var waited = Stopwatch.StartNew();
        while (!await ImportWaitsAsync(waitsIn))
        {
            Assert.False(import.IsCompleted, "The import finished without waiting for the other write's row.");
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "The import's UPDATE never waited for the other write.");
            await Task.Delay(20);
        }

        await (then?.Invoke(other, transaction, id) ?? transaction.CommitAsync());
        var response = await import;
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The professional's rate and skill rows ("name:level:years" by name) as stored.</summary>
    private async Task<(string? Rate, string? Skills)> StoredAsync(string email)
    {
        var stored = await app.QueryAsync($"""
            SELECT p.hourly_rate_usd, string_agg(k.name || ':' || ps.level || ':' || ps.years, ';' ORDER BY k.name)
            FROM professionals p JOIN professional_skills ps ON ps.professional_id = p.id JOIN skills k ON k.id = ps.skill_id
            WHERE p.email = '{email}' GROUP BY p.id
            """);
        return (stored[0][0], stored[0][1]);
    }

    private async Task<bool> ImportWaitsAsync(string statement) =>
        await app.CountAsync("pg_stat_activity", $"wait_event_type = 'Lock' AND query LIKE '%{statement}%'") > 0;
}
