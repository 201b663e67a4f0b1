using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Postgres;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace NearshoreHub.Web.Tests.Faults;

/// <summary>The app on its own PostgreSQL cluster, which the tests stop and start; the shared server is never touched.</summary>
public sealed class PrivateClusterFactory : NearshoreApiFactory
{
    public LocalPostgresCluster Cluster { get; private set; } = null!;

    protected override async Task<string> CreateDatabaseAsync()
    {
        Cluster = await PostgresServer.StartPrivateClusterAsync();
        return await Cluster.CreateDatabaseAsync("outage");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

public sealed class DatabaseOutageTests(PrivateClusterFactory app, ITestOutputHelper output) : IClassFixture<PrivateClusterFactory>
{
    [Fact]
    public async Task What_npgsql_and_ef_core_throw_against_a_stopped_server_is_recognised_as_a_transient_outage()
    {
        _ = app.Services;
        await app.Cluster.StopAsync();
        try
        {
            await using var raw = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
            var refused = await Assert.ThrowsAnyAsync<NpgsqlException>(() => raw.OpenAsync());
            output.WriteLine("raw open: " + Chain(refused));
            Assert.IsType<System.Net.Sockets.SocketException>(refused.InnerException);
            Assert.True(DatabaseFailures.IsTransient(refused));

            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
            var query = await Assert.ThrowsAnyAsync<Exception>(() => db.Professionals.CountAsync());
            output.WriteLine("EF query: " + Chain(query));
            Assert.True(DatabaseFailures.IsTransient(query), Chain(query));

            db.Companies.Add(new Data.Entities.Company { Id = Guid.NewGuid(), Name = "Never stored", TimeZone = "UTC", CreatedAt = DateTimeOffset.UtcNow });
            var write = await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
            output.WriteLine("EF write: " + Chain(write));
            Assert.True(DatabaseFailures.IsTransient(write), Chain(write));
        }
        finally
        {
            await app.Cluster.StartAgainAsync();
        }
    }

    private static string Chain(Exception exception)
    {
        var parts = new List<string>();
        for (var current = exception; current is not null; current = current.InnerException)
        {
            parts.Add(current is PostgresException postgres ? $"PostgresException {postgres.SqlState}" : current.GetType().Name);
        }

        return string.Join(" -> ", parts);
    }

    // Guards against a hang failing the run slowly; answers are expected well inside it.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task While_postgres_is_down_requests_get_503_problem_details_and_readiness_fails_then_the_app_recovers_by_itself_with_acknowledged_writes_intact()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync();
        using var recruiter = await app.RecruiterAsync();
        using var company = app.WithApiKey(key);
        using var probe = app.Anonymous();
        foreach (var client in new[] { recruiter, company, probe })
        {
            client.Timeout = HangGuard;
        }

        var acknowledged = await recruiter.PostAsJsonAsync("/api/v1/professionals", Samples.Professional());
        Assert.Equal(HttpStatusCode.Created, acknowledged.StatusCode);
        var acknowledgedId = (await acknowledged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);

        await app.Cluster.StopAsync();
        var failedEmail = $"lost.{Guid.NewGuid():N}@example.com";
        try
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await probe.GetAsync("/health/ready")).StatusCode);

            // Under load: reads, writes and key-authenticated calls in parallel, each through the pool's dead connections.
            var calls = new List<Task<HttpResponseMessage>>();
            for (var i = 0; i < 8; i++)
            {
                calls.Add(recruiter.GetAsync($"/api/v1/professionals/{acknowledgedId}"));
                calls.Add(company.GetAsync("/api/v1/projects"));
                calls.Add(recruiter.PostAsJsonAsync("/api/v1/professionals", Samples.Professional(i == 0 ? failedEmail : null)));
            }

            foreach (var response in await Task.WhenAll(calls))
            {
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                Assert.True(response.Headers.RetryAfter is not null, "503 without Retry-After");
            }
        }
        finally
        {
            await app.Cluster.StartAgainAsync();
        }

        // Recovery needs no restart of the app: the pool drops dead connections and opens new ones.
        await EventuallyAsync(async () => (await probe.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK);
        await EventuallyAsync(async () => (await recruiter.GetAsync($"/api/v1/professionals/{acknowledgedId}")).StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await company.GetAsync("/api/v1/projects")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await recruiter.PostAsJsonAsync("/api/v1/professionals", Samples.Professional())).StatusCode);

        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM professionals WHERE email = @email", connection);
        count.Parameters.AddWithValue("email", failedEmail);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    /// <summary>Polls a condition for up to a minute; recovery time is not asserted, only that it happens.</summary>
    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(500);
        }

        Assert.Fail("The app did not recover within a minute of PostgreSQL coming back.");
    }
}
