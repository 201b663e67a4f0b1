using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Professionals;
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

    [Fact]
    public async Task Skill_rows_copied_between_new_rows_leave_their_triggers_off()
    {
        // Changed rows' skill rows are written between the new rows' chunks, which turned the triggers off for the
        // transaction; the COPY checks its skills itself and must not turn them back on for the chunks after it.
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.True(await ProfessionalsTable.RowTriggersOffForInsertsAsync(connection, "true", CancellationToken.None));

        await ImportSql.CopySkillsAsync(connection, new ImportCopyBuffer(), [await AnySkillAsync(connection)], CancellationToken.None);
        Assert.Equal("replica", await RoleAsync(connection));
        await transaction.RollbackAsync();
    }

    [Fact]
    public async Task Skill_rows_naming_a_skill_that_is_gone_meet_their_foreign_key_even_with_triggers_off()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        Assert.True(await ProfessionalsTable.RowTriggersOffForInsertsAsync(connection, "true", CancellationToken.None));
        var rows = new ImportCopyBuffer();
        rows.StartRow(4);
        rows.Uuid(Guid.NewGuid());
        rows.Int32(int.MaxValue);
        rows.SmallInt(3);
        rows.SmallInt(1);

        var error = await Assert.ThrowsAsync<PostgresException>(() => ImportSql.CopySkillsAsync(connection, rows, [int.MaxValue], CancellationToken.None));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task Skill_rows_copied_with_triggers_on_leave_them_on()
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await ImportSql.CopySkillsAsync(connection, new ImportCopyBuffer(), [await AnySkillAsync(connection)], CancellationToken.None);
        Assert.Equal("origin", await RoleAsync(connection));
        await transaction.RollbackAsync();
    }

    private static async Task<int> AnySkillAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand("SELECT min(id) FROM skills", connection);
        return (int)(await command.ExecuteScalarAsync())!;
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
