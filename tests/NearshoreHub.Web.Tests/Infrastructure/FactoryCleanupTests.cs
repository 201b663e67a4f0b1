using System.Net;
using Npgsql;

namespace NearshoreHub.Web.Tests.Infrastructure;

/// <summary>
/// Each test class's app runs on its own database; a full run opens well over a hundred of them. Their pooled
/// connections must not outlive the class, or the shared server runs out of <c>max_connections</c> midway.
/// </summary>
public sealed class FactoryCleanupTests
{
    [Fact]
    public async Task A_disposed_app_leaves_no_sessions_and_no_database_behind()
    {
        // Disposed again at the end of the scope (a no-op) in case an assertion fails before the dispose under test.
        await using var app = new NearshoreApiFactory();
        await app.InitializeAsync();
        using (var recruiter = await app.RecruiterAsync())
        {
            Assert.Equal(HttpStatusCode.OK, (await recruiter.GetAsync("/api/v1/professionals?limit=1")).StatusCode);
        }

        Assert.Equal(0L, await app.CountAsync("professionals"));
        var database = new NpgsqlConnectionStringBuilder(app.ConnectionString).Database!;
        var server = new NpgsqlConnectionStringBuilder(app.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        Assert.True(await ScalarAsync(server, "SELECT count(*) FROM pg_stat_activity WHERE datname = @db", database) > 0);

        await app.DisposeAsync();

        Assert.Equal(0L, await ScalarAsync(server, "SELECT count(*) FROM pg_stat_activity WHERE datname = @db", database));
        Assert.Equal(0L, await ScalarAsync(server, "SELECT count(*) FROM pg_database WHERE datname = @db", database));
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, string database)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("db", database);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
