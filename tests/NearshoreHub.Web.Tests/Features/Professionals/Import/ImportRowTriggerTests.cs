using NearshoreHub.Web.Data;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// The import writes its new rows with the row triggers off for the whole run of COPYs
/// (<see cref="ProfessionalsTable.RowTriggersOffForInsertsAsync"/>); that may only happen where the session may turn them
/// off, the skills' keys hold, and no trigger of professionals would be skipped on insert. Each case runs in a
/// transaction that is rolled back.
/// </summary>
public sealed class ImportRowTriggerTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Triggers_go_off_for_the_transaction_only_while_the_keys_hold()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        Assert.True(await ProfessionalsTable.RowTriggersOffForInsertsAsync(connection, "true", CancellationToken.None));
        Assert.Equal("replica", await RoleAsync(connection));

        // A later chunk naming a skill that is gone: the triggers go back on, so its foreign key fails as it should.
        Assert.False(await ProfessionalsTable.RowTriggersOffForInsertsAsync(connection, "false", CancellationToken.None));
        Assert.Equal("origin", await RoleAsync(connection));

        await transaction.RollbackAsync();
        Assert.Equal("origin", await RoleAsync(connection));
    }

    [Fact]
    public async Task Triggers_stay_on_when_professionals_has_a_trigger_that_fires_on_insert()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, """
            CREATE FUNCTION pg_temp.on_insert() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
            CREATE TRIGGER import_row_trigger_test BEFORE INSERT ON professionals FOR EACH ROW EXECUTE FUNCTION pg_temp.on_insert();
            """);

        Assert.False(await ProfessionalsTable.RowTriggersOffForInsertsAsync(connection, "true", CancellationToken.None));
        Assert.Equal("origin", await RoleAsync(connection));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task A_session_that_may_not_turn_triggers_off_is_told_so_without_an_error()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "CREATE ROLE import_row_trigger_test NOSUPERUSER; SET LOCAL ROLE import_row_trigger_test");

        Assert.Null(await ProfessionalsTable.RowTriggersOffForInsertsAsync(connection, "true", CancellationToken.None));
        Assert.Equal("origin", await RoleAsync(connection));
        await transaction.RollbackAsync();
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<string?> RoleAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT current_setting('session_replication_role')", connection);
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
