using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using NearshoreHub.Web.Infrastructure.Postgres;
using Npgsql;

namespace NearshoreHub.Web.Tests.Infrastructure;

public sealed class PostgresServerTests
{
    [Fact]
    public async Task Databases_created_for_different_test_classes_are_independent()
    {
        var server = await PostgresServer.GetAsync();
        var first = await server.CreateDatabaseAsync("independence");
        var second = await server.CreateDatabaseAsync("independence");

        Assert.NotEqual(new NpgsqlConnectionStringBuilder(first).Database, new NpgsqlConnectionStringBuilder(second).Database);
        await ExecuteAsync(first, "CREATE TABLE marker (id int); INSERT INTO marker VALUES (1)");

        Assert.Equal(1L, await ScalarAsync(first, "SELECT count(*) FROM marker"));
        Assert.Equal(0L, await ScalarAsync(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'marker'"));
    }

    [Fact]
    public async Task A_stopped_cluster_refuses_connections_and_serves_its_data_again_after_restart()
    {
        await using var cluster = await PostgresServer.StartPrivateClusterAsync();
        var connectionString = await cluster.CreateDatabaseAsync("restart_check");
        await ExecuteAsync(connectionString, "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (42)");

        await cluster.StopAsync();
        await Assert.ThrowsAnyAsync<NpgsqlException>(() => ScalarAsync(connectionString, "SELECT 1"));

        await cluster.StartAgainAsync();
        Assert.Equal(42, await ScalarAsync(connectionString, "SELECT id FROM survivor"));
    }

    [Fact]
    public async Task A_cluster_killed_without_shutdown_starts_again_despite_its_stale_pid_file()
    {
        await using var cluster = await PostgresServer.StartPrivateClusterAsync();
        await cluster.StopAsync();
        // What a killed server leaves behind: a postmaster.pid naming a process that is not PostgreSQL.
        var pidFile = Path.Combine(cluster.DataDirectory, "postmaster.pid");
        await File.WriteAllTextAsync(pidFile, $"{Environment.ProcessId}\n{cluster.DataDirectory}\n0\n{cluster.Port}\n");

        await cluster.StartAgainAsync();

        Assert.Equal(1, await ScalarAsync(cluster.ConnectionString, "SELECT 1"));
    }

    [Fact]
    public async Task A_persistent_cluster_keeps_its_data_and_port_and_adopts_a_server_left_running()
    {
        var root = Directory.CreateTempSubdirectory("nshub-persist-").FullName;
        try
        {
            int port;
            await using (var first = await LocalPostgresCluster.StartAsync(root))
            {
                port = first.Port;
                await ExecuteAsync(first.ConnectionString, "CREATE TABLE kept (id int); INSERT INTO kept VALUES (7)");

                // As if the app had been killed: the server is still running when the next one starts.
                await using var adopted = await LocalPostgresCluster.StartAsync(root);
                Assert.Equal(port, adopted.Port);
            }

            await using var restarted = await LocalPostgresCluster.StartAsync(root);
            Assert.Equal(port, restarted.Port);
            Assert.Equal(7, await ScalarAsync(restarted.ConnectionString, "SELECT id FROM kept"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task The_private_cluster_stops_when_the_app_fails_to_start()
    {
        // The README's run command in Development starts its own PostgreSQL; a start that then fails (here: the port
        // is taken, so Kestrel throws) ends the process with an unhandled exception. The cluster must not outlive it.
        var root = Directory.CreateTempSubdirectory("nshub-persist-crash-").FullName;
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = AppContext.BaseDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NearshoreHub.Web.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}");
            start.Environment.Remove("ConnectionStrings__Default");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
            start.Environment["LocalPostgres__DataDirectory"] = root;
            start.Environment["DemoData__SeedWhenEmpty"] = "false";

            using var app = Process.Start(start)!;
            var output = app.StandardOutput.ReadToEndAsync();
            var error = app.StandardError.ReadToEndAsync();
            await app.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
            var log = await output + await error;

            Assert.NotEqual(0, app.ExitCode);
            Assert.Contains("address already in use", log, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Local PostgreSQL ready", log, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(root, "pgdata", "postmaster.pid")), "PostgreSQL still runs after the app crashed:\n" + log);
        }
        finally
        {
            // Stop a server the app left behind (the cluster adopts it), so a failure here leaves nothing running.
            if (File.Exists(Path.Combine(root, "pgdata", "postmaster.pid")))
            {
                await (await LocalPostgresCluster.StartAsync(root)).DisposeAsync();
            }

            Directory.Delete(root, recursive: true);
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        // Pooling off so a connection opened before a restart is not handed back afterwards.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
