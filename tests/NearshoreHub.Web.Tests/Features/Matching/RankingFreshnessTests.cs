using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Professionals;
using Npgsql;
using static NearshoreHub.Web.Tests.Matching.MatchingTestData;

namespace NearshoreHub.Web.Tests.Matching;

/// <summary>
/// The ranking index follows writes: through this instance before the very next ranking (no waiting), through
/// another instance or straight SQL plus NOTIFY within 5 seconds.
/// </summary>
public sealed class RankingFreshnessTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private static readonly TimeSpan CrossInstanceDeadline = TimeSpan.FromSeconds(5);

    private async Task<Guid> ProjectAsync(HttpClient staff, string skill) =>
        await CreateProjectAsync(staff, Project((await app.CreateCompanyWithKeyAsync()).CompanyId, skill));

    [Fact]
    public async Task Created_updated_and_deleted_professionals_show_in_the_very_next_ranking()
    {
        using var staff = await app.RecruiterAsync();
        var project = await ProjectAsync(staff, "Zig");
        Assert.Empty(Ids(await MatchesAsync(staff, project)));

        var body = Professional("Zig", 4);
        var id = await CreateProfessionalAsync(staff, body);
        Assert.Equal([id], Ids(await MatchesAsync(staff, project)));

        body["skills"] = new object[] { new { skill = "Zig", level = 2, years = 1 } };
        await UpdateProfessionalAsync(staff, id, body);
        Assert.Empty(Ids(await MatchesAsync(staff, project)));

        body["skills"] = new object[] { new { skill = "Zig", level = 5, years = 1 } };
        body["hourlyRateUsd"] = 90m;
        await UpdateProfessionalAsync(staff, id, body);
        var ranking = await MatchesAsync(staff, project);
        Assert.Equal([id], Ids(ranking));
        Assert.Equal(0.5m, Item(ranking, id).GetProperty("breakdown").GetProperty("rate").GetDecimal());

        body["status"] = "placed";
        await UpdateProfessionalAsync(staff, id, body);
        Assert.Empty(Ids(await MatchesAsync(staff, project)));

        body["status"] = "active";
        await UpdateProfessionalAsync(staff, id, body);
        Assert.Equal([id], Ids(await MatchesAsync(staff, project)));

        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"/api/v1/professionals/{id}")).StatusCode);
        var afterDelete = await MatchesAsync(staff, project);
        Assert.Empty(Ids(afterDelete));
        Assert.Equal(0, afterDelete.GetProperty("eligibleCount").GetInt32());
    }

    [Fact]
    public async Task A_write_through_one_instance_reaches_another_instances_ranking_within_five_seconds()
    {
        using var staffA = await app.RecruiterAsync();
        var project = await ProjectAsync(staffA, "Crystal");
        var before = await CreateProfessionalAsync(staffA, Professional("Crystal", 4));

        await using var second = new SecondInstanceFactory(app.ConnectionString);
        using var staffB = await SignInAsync(second);
        // B built its index from the database at start.
        Assert.Equal([before], Ids(await MatchesAsync(staffB, project)));

        var created = await CreateProfessionalAsync(staffA, Professional("Crystal", 5));
        var seen = await PollAsync(staffB, project, ids => ids.Contains(created));
        Assert.True(seen, "a professional created through instance A never reached instance B's ranking within 5 s");

        var body = Professional("Crystal", 1);
        await UpdateProfessionalAsync(staffA, before, body);
        Assert.True(await PollAsync(staffB, project, ids => !ids.Contains(before)), "an update through A did not reach B within 5 s");

        Assert.Equal(HttpStatusCode.NoContent, (await staffA.DeleteAsync($"/api/v1/professionals/{created}")).StatusCode);
        Assert.True(await PollAsync(staffB, project, ids => ids.Count == 0), "a delete through A did not reach B within 5 s");

        // And the other way round.
        var throughB = await CreateProfessionalAsync(staffB, Professional("Crystal", 3));
        Assert.Equal([throughB], Ids(await MatchesAsync(staffB, project)));
        Assert.True(await PollAsync(staffA, project, ids => ids.Contains(throughB)), "a write through B did not reach A within 5 s");
    }

    [Fact]
    public async Task An_import_of_many_new_rows_through_one_instance_reaches_another_instances_ranking()
    {
        using var staffA = await app.RecruiterAsync();
        var project = await ProjectAsync(staffA, "Elixir");
        await using var second = new SecondInstanceFactory(app.ConnectionString);
        using var staffB = await SignInAsync(second);
        var before = (await MatchesAsync(staffB, project)).GetProperty("eligibleCount").GetInt32();

        // More new rows than ProfessionalChanges.MinRangedIds: instance A announces them by the range of their ids.
        var token = Guid.NewGuid().ToString("N")[..8];
        var rows = Enumerable.Range(0, ProfessionalChanges.MinRangedIds + 250)
            .Select(i => ProfessionalCsvFiles.Row($"ranged.{token}.{i}@example.com").With("skills", "Elixir:5:6"))
            .ToArray();
        using (var import = await staffA.PostAsync("/api/v1/professionals/import", new StringContent(ProfessionalCsvFiles.File(rows), Encoding.UTF8, "text/csv")))
        {
            Assert.Equal(HttpStatusCode.OK, import.StatusCode);
        }

        var throughA = (await MatchesAsync(staffA, project)).GetProperty("eligibleCount").GetInt32();
        Assert.Equal(before + rows.Length, throughA);
        var clock = Stopwatch.StartNew();
        var throughB = before;
        while (throughB != throughA && clock.Elapsed < CrossInstanceDeadline)
        {
            await Task.Delay(100);
            throughB = (await MatchesAsync(staffB, project)).GetProperty("eligibleCount").GetInt32();
        }

        Assert.True(throughB == throughA, $"instance B ranks {throughB} eligible professionals 5 s after the import, instance A {throughA}");
    }

    [Fact]
    public async Task An_announced_range_is_taken_in_PostgreSQLs_uuid_order()
    {
        Guid[] ids = [.. Enumerable.Range(0, 500).Select(_ => Guid.NewGuid()), .. Enumerable.Range(0, 500).Select(_ => Guid.CreateVersion7())];
        var ours = ids.Order(Comparer<Guid>.Create(ProfessionalChanges.UuidOrder)).ToArray();
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var sort = new NpgsqlCommand("SELECT array_agg(id ORDER BY id) FROM unnest(@ids) AS id", connection);
        sort.Parameters.AddWithValue("ids", ids);
        Assert.Equal((Guid[])(await sort.ExecuteScalarAsync())!, ours);

        Assert.True(ProfessionalChanges.TrySplitRange($"{ours[0]}..{ours[^1]}", out var first, out var last));
        Assert.Equal((ours[0], ours[^1]), (first, last));
        Assert.False(ProfessionalChanges.TrySplitRange($"{ours[0]},{ours[^1]}", out _, out _));
    }

    [Fact]
    public async Task A_row_inserted_with_SQL_and_announced_with_pg_notify_reaches_the_index()
    {
        using var staff = await app.RecruiterAsync();
        var project = await ProjectAsync(staff, "Nim");
        var template = await CreateProfessionalAsync(staff, Professional("Nim", 4));
        Assert.Equal([template], Ids(await MatchesAsync(staff, project)));

        var copy = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await CopyRowAsync(connection, "professionals", "id", template, copy, new() { ["email"] = $"sql.{copy:N}@example.com", ["normalized_email"] = $"sql.{copy:N}@example.com" });
            await CopyRowAsync(connection, "professional_skills", "professional_id", template, copy, []);
            await using var notify = new NpgsqlCommand("SELECT pg_notify('professionals_changed', @id)", connection);
            notify.Parameters.AddWithValue("id", copy.ToString());
            await notify.ExecuteNonQueryAsync();
        }

        Assert.True(await PollAsync(staff, project, ids => ids.Contains(copy)), "the SQL insert announced by NOTIFY never reached the ranking within 5 s");
        Assert.Equal(new[] { template, copy }.Order(Comparer<Guid>.Create(CompareUuid)), Ids(await MatchesAsync(staff, project)));
    }

    [Fact]
    public async Task A_row_the_index_cannot_read_neither_breaks_rankings_nor_stops_later_updates()
    {
        using var staff = await app.RecruiterAsync();
        var project = await ProjectAsync(staff, "Ruby");
        var template = await CreateProfessionalAsync(staff, Professional("Ruby", 4));

        // A row written by something other than this app version: an English level the loader does not know.
        var broken = Guid.NewGuid();
        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await CopyRowAsync(connection, "professionals", "id", template, broken,
                new() { ["email"] = $"broken.{broken:N}@example.com", ["normalized_email"] = $"broken.{broken:N}@example.com", ["english_level"] = "Z9" });
            await CopyRowAsync(connection, "professional_skills", "professional_id", template, broken, []);
            await using var notify = new NpgsqlCommand("SELECT pg_notify('professionals_changed', @id)", connection);
            notify.Parameters.AddWithValue("id", broken.ToString());
            await notify.ExecuteNonQueryAsync();
        }

        // Give the listener its chance to choke on the row: a later, valid write must still come through.
        var later = await CreateProfessionalAsync(staff, Professional("Ruby", 5));
        Assert.True(await PollAsync(staff, project, ids => ids.Contains(later)), "after an unreadable row, a valid write never reached the ranking");
        var ranking = await MatchesAsync(staff, project);
        Assert.DoesNotContain(broken, Ids(ranking));
        Assert.Equal(new[] { template, later }.Order(Comparer<Guid>.Create(CompareUuid)), Ids(ranking).Order(Comparer<Guid>.Create(CompareUuid)));

        // A second instance building its index from scratch starts despite the row.
        await using var second = new SecondInstanceFactory(app.ConnectionString);
        using var staffB = await SignInAsync(second);
        Assert.Equal(Ids(ranking).Order(), Ids(await MatchesAsync(staffB, project)).Order());
    }

    /// <summary>Inserts a copy of the rows whose <paramref name="key"/> is <paramref name="from"/>, with the key set to <paramref name="to"/>.</summary>
    private static async Task CopyRowAsync(NpgsqlConnection connection, string table, string key, Guid from, Guid to, Dictionary<string, string> overrides)
    {
        var columns = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @t AND is_generated = 'NEVER' ORDER BY ordinal_position",
            connection))
        {
            list.Parameters.AddWithValue("t", table);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add(reader.GetString(0));
            }
        }

        await using var insert = new NpgsqlCommand { Connection = connection };
        var values = columns.Select((c, i) =>
        {
            if (c == key)
            {
                return "@to";
            }

            if (overrides.TryGetValue(c, out var value))
            {
                insert.Parameters.AddWithValue($"p{i}", value);
                return $"@p{i}";
            }

            return $"\"{c}\"";
        });
        insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT {string.Join(", ", values)} FROM {table} WHERE \"{key}\" = @from";
        insert.Parameters.AddWithValue("to", to);
        insert.Parameters.AddWithValue("from", from);
        Assert.True(await insert.ExecuteNonQueryAsync() > 0);
    }

    /// <summary>Ranks again until the condition holds or five seconds have passed.</summary>
    private static async Task<bool> PollAsync(HttpClient staff, Guid project, Func<List<Guid>, bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (condition(Ids(await MatchesAsync(staff, project))))
            {
                return true;
            }

            if (clock.Elapsed > CrossInstanceDeadline)
            {
                return false;
            }

            await Task.Delay(100);
        }
    }

    private static async Task<HttpClient> SignInAsync(SecondInstanceFactory instance)
    {
        using var anonymous = instance.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = NearshoreApiFactory.RecruiterEmail, password = NearshoreApiFactory.RecruiterPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = instance.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
