using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// The import looks its rows up by email a batch at a time (<see cref="ImportRouter.LookUp"/>) on a connection of its
/// own. On a table of some 100,000 professionals the planner scanned the whole table for every batch of 2,048 emails
/// (3.2–3.6 s for a file of 100,000 known rows); the connection the import opens must use the email index at any size.
/// </summary>
public sealed class ImportLookupTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task A_batch_of_emails_is_looked_up_by_the_email_index_not_by_scanning_the_table()
    {
        await using var plain = new NpgsqlConnection(app.ConnectionString);
        await plain.OpenAsync();
        var emails = await BatchOfEmailsAsync(plain);

        // The case is real: left to itself, the planner scans professionals for a full batch on this database.
        Assert.Contains("Seq Scan", await PlanAsync(plain, emails));

        await using var lookups = await ImportRouter.OpenLookupsAsync(plain, CancellationToken.None);
        var plan = await PlanAsync(lookups, emails);
        Assert.DoesNotContain("Seq Scan", plan);
        Assert.Contains("ix_professionals_normalized_email", plan);
    }

    /// <summary>A full batch: every stored email the database has, up to half a batch, and made-up ones for the rest.</summary>
    private static async Task<string[]> BatchOfEmailsAsync(NpgsqlConnection connection)
    {
        var emails = new List<string>();
        await using (var command = new NpgsqlCommand("SELECT normalized_email FROM professionals ORDER BY id LIMIT @half", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<int>("half", ImportBatch.Size / 2));
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                emails.Add(reader.GetString(0));
            }
        }

        for (var i = emails.Count; i < ImportBatch.Size; i++)
        {
            emails.Add($"LOOKUP.{i}@NOT-STORED.EXAMPLE");
        }

        return [.. emails];
    }

    private static async Task<string> PlanAsync(NpgsqlConnection connection, string[] emails)
    {
        await using var command = new NpgsqlCommand("EXPLAIN " + ImportRouter.LookUp, connection);
        command.Parameters.Add(new NpgsqlParameter<string[]>("emails", emails));
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
