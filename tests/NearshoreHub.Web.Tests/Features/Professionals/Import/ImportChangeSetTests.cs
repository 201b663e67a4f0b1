using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Matching;
using Npgsql;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>What an import writes, and only that: unchanged rows untouched, changed skill lists replaced, the ranking index told.</summary>
public sealed class ImportChangeSetTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private async Task<JsonElement> Import(string file)
    {
        using var client = await app.RecruiterAsync();
        var response = await client.PostAsync("/api/v1/professionals/import?mode=partial", new StringContent(file, new UTF8Encoding(false), "text/csv"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static (int Inserted, int Updated, int Unchanged) Counts(JsonElement body) =>
        (body.GetProperty("inserted").GetInt32(), body.GetProperty("updated").GetInt32(), body.GetProperty("unchanged").GetInt32());

    private async Task<List<(Guid Id, string Email, DateTime UpdatedAt, uint Version)>> Rows(string domain)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT id, email, updated_at, xmin::text::bigint FROM professionals WHERE email LIKE '%@' || @d ORDER BY email", connection);
        command.Parameters.AddWithValue("d", domain);
        var rows = new List<(Guid, string, DateTime, uint)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetDateTime(2), (uint)reader.GetInt64(3)));
        }

        return rows;
    }

    private async Task<List<(string Skill, short Level, short Years)>> Skills(Guid id)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT s.name, ps.level, ps.years FROM professional_skills ps JOIN skills s ON s.id = ps.skill_id WHERE ps.professional_id = @id ORDER BY s.name", connection);
        command.Parameters.AddWithValue("id", id);
        var skills = new List<(string, short, short)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            skills.Add((reader.GetString(0), reader.GetInt16(1), reader.GetInt16(2)));
        }

        return skills;
    }

    [Fact]
    public async Task Reimport_with_one_changed_row_writes_only_that_row_and_the_ranking_index_sees_the_change()
    {
        var rows = Enumerable.Range(0, 20).Select(i => Row($"p{i:D2}@changeset.example").With("skills", "Java:3:1;Go:2:1")).ToArray();
        Assert.Equal((20, 0, 0), Counts(await Import(File(rows))));
        var before = await Rows("changeset.example");

        rows[7].With("hourlyRateUsd", "77.25");
        Assert.Equal((0, 1, 19), Counts(await Import(File(rows))));

        // Unchanged rows are not rewritten at all (same row version), the changed one is.
        var after = await Rows("changeset.example");
        Assert.Equal(20, after.Count);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(before[i].Id, after[i].Id);
            if (i == 7)
            {
                Assert.NotEqual(before[i].Version, after[i].Version);
            }
            else
            {
                Assert.Equal((before[i].UpdatedAt, before[i].Version), (after[i].UpdatedAt, after[i].Version));
            }
        }

        var index = await app.Services.GetRequiredService<CandidateIndexHost>().GetAsync(CancellationToken.None);
        Assert.True(index.TryGet(after[7].Id, out var changed));
        Assert.Equal(77.25m, changed!.HourlyRateUsd);
        Assert.True(index.TryGet(after[8].Id, out var untouched));
        Assert.Equal(45.50m, untouched!.HourlyRateUsd);
    }

    [Fact]
    public async Task Import_of_a_changed_skill_list_replaces_the_skills_in_the_database_and_the_ranking_index()
    {
        var row = Row("skills@replace.example").With("skills", "Java:3:1;Go:2:1;Rust:1:0");
        Assert.Equal((1, 0, 0), Counts(await Import(File(row))));
        var id = (await Rows("replace.example")).Single().Id;
        Assert.Equal([("Go", 2, 1), ("Java", 3, 1), ("Rust", 1, 0)], await Skills(id));

        row.With("skills", "Python:4:2;Go:5:3");
        Assert.Equal((0, 1, 0), Counts(await Import(File(row))));
        Assert.Equal([("Go", 5, 3), ("Python", 4, 2)], await Skills(id));

        var index = await app.Services.GetRequiredService<CandidateIndexHost>().GetAsync(CancellationToken.None);
        Assert.True(index.TryGet(id, out var record));
        Assert.Equal([(5, 3), (4, 2)], record!.Skills.OrderByDescending(s => s.Level).Select(s => ((int)s.Level, (int)s.Years)));

        // Emptying the list removes every skill.
        row.With("skills", "");
        Assert.Equal((0, 1, 0), Counts(await Import(File(row))));
        Assert.Empty(await Skills(id));
    }

    [Fact]
    public async Task An_import_larger_than_one_notification_reaches_another_instance_row_by_row()
    {
        await using var second = new SecondInstanceFactory(app.ConnectionString);
        var host = second.Services.GetRequiredService<CandidateIndexHost>();
        await host.GetAsync(CancellationToken.None);
        var built = host.BuiltAt;

        // 450 ids need three notifications of at most 200.
        var rows = Enumerable.Range(0, 450).Select(i => Row($"n{i:D3}@fanout.example")).ToArray();
        Assert.Equal((450, 0, 0), Counts(await Import(File(rows))));
        var ids = (await Rows("fanout.example")).Select(r => r.Id).ToList();

        var deadline = DateTime.UtcNow.AddSeconds(5);
        var seen = 0;
        while (DateTime.UtcNow < deadline)
        {
            var index = await host.GetAsync(CancellationToken.None);
            seen = ids.Count(id => index.TryGet(id, out _));
            if (seen == ids.Count)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(ids.Count, seen);
        Assert.Equal(built, host.BuiltAt); // applied as a change set, not by rebuilding the whole index
    }
}
