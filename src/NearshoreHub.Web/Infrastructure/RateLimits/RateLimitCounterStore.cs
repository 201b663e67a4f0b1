using Npgsql;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// Request counters in PostgreSQL (the UNLOGGED table <c>rate_limit_counters</c>), so every instance on one database
/// spends the same budget. One row per partition holds the start of its current window: like the in-process fixed
/// window, a window starts with a partition's first request, so no wall-clock minute boundary splits a burst.
/// One statement per request counts every partition it falls in and answers the new counts.
/// </summary>
public sealed class RateLimitCounterStore : IAsyncDisposable
{
    // A row whose window ended more than this long ago has no more use than a missing row.
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(2);

    // The window restarts once the stored one is over; otherwise the count goes up. Keys are distinct and sorted, so
    // two requests counting the same two partitions lock their rows in one order and cannot deadlock.
    private const string IncrementSql = """
        INSERT INTO rate_limit_counters AS c (partition_key, window_start, count)
        SELECT k, now(), 1 FROM unnest($1::text[]) AS k
        ON CONFLICT (partition_key) DO UPDATE SET
            window_start = CASE WHEN c.window_start <= now() - $2::interval THEN now() ELSE c.window_start END,
            count = CASE WHEN c.window_start <= now() - $2::interval THEN 1 ELSE c.count + 1 END
        RETURNING c.partition_key, c.count, extract(epoch FROM c.window_start + $2::interval - now())::float8
        """;

    private readonly NpgsqlDataSource _dataSource;

    public RateLimitCounterStore(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.");
        // Its own small pool with short timeouts: the limiter must give up on an unreachable database quickly and
        // count locally instead (see SharedRateLimiter), and it must never wait behind EF Core for a connection.
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Timeout = 2,
            CommandTimeout = 2,
            MaxAutoPrepare = 4,
            ApplicationName = "nearshorehub-rate-limits",
        };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    /// <summary>A partition's count in its current window, and the time left until that window ends.</summary>
    public readonly record struct Count(string PartitionKey, int Value, TimeSpan WindowLeft);

    /// <summary>Counts one request in each partition (distinct keys) and returns their counts including it.</summary>
    public async Task<Count[]> IncrementAsync(string[] partitionKeys, TimeSpan window, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand(IncrementSql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = partitionKeys });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = window });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var counts = new Count[partitionKeys.Length];
        var read = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[read++] = new Count(reader.GetString(0), reader.GetInt32(1), TimeSpan.FromSeconds(reader.GetDouble(2)));
        }

        return read == counts.Length ? counts : counts[..read];
    }

    /// <summary>Deletes rows of partitions that have been quiet for a while; safe to run on every instance at once.</summary>
    public async Task<int> DeleteIdleAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM rate_limit_counters WHERE window_start < now() - $1::interval");
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = Idle });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

/// <summary>Keeps <c>rate_limit_counters</c> small: idle partitions (one-off IPs above all) are deleted every minute.</summary>
public sealed class RateLimitCounterCleanup(RateLimitCounterStore store, TimeProvider clock, ILogger<RateLimitCounterCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await store.DeleteIdleAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                // An outage is reported by health checks and the limiter; the next tick simply tries again.
                logger.LogDebug("Deleting idle rate-limit counters failed: {Error}", exception.GetType().Name);
            }
        }
    }
}
