using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Matching;

namespace NearshoreHub.Web.Tests.Security;

public sealed class RateLimitFallbackFactory : NearshoreApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        SharedBudgets.Apply(builder);
    }
}

public sealed class RateLimitFallbackTests(RateLimitFallbackFactory app) : IClassFixture<RateLimitFallbackFactory>
{
    [Fact]
    public async Task Without_the_shared_counters_each_instance_still_limits_in_memory_and_goes_back_to_them_when_they_return()
    {
        var limiter = app.Services.GetRequiredService<SharedRateLimiter>();
        await ExecuteAsync("ALTER TABLE rate_limit_counters RENAME TO rate_limit_counters_away");
        try
        {
            using var attacker = app.Anonymous();
            attacker.DefaultRequestHeaders.Add(ClientIpStartupFilter.HeaderName, "203.0.113.77");
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < SharedBudgets.SignInPerIp + 2; i++)
            {
                statuses.Add((await attacker.PostAsJsonAsync("/api/v1/auth/login", new { email = $"nobody{i}@example.com", password = "wrong-password-123" })).StatusCode);
            }

            Assert.True(limiter.IsFallingBack);
            Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, SharedBudgets.SignInPerIp), statuses.Take(SharedBudgets.SignInPerIp));
            Assert.All(statuses.Skip(SharedBudgets.SignInPerIp), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        }
        finally
        {
            await ExecuteAsync("ALTER TABLE rate_limit_counters_away RENAME TO rate_limit_counters");
        }

        // One request at a time retries the store once SharedRetrySeconds (1 s here) have passed.
        using var caller = await app.RecruiterAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (limiter.IsFallingBack && DateTime.UtcNow < deadline)
        {
            Assert.Equal(HttpStatusCode.OK, (await caller.GetAsync("/api/v1/skills?pageSize=1")).StatusCode);
            await Task.Delay(200);
        }

        Assert.False(limiter.IsFallingBack);
        Assert.True(await app.CountAsync("rate_limit_counters") > 0);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
