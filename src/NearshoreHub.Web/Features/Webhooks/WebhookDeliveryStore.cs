using Npgsql;

namespace NearshoreHub.Web.Features.Webhooks;

public sealed record ClaimedDelivery(Guid Id, Guid ClaimToken, int Attempt, Guid EventId, Guid EndpointId, string Url, string Secret, string Payload);

/// <summary>
/// The dispatcher's SQL over the outbox, on its own small pool so deliveries never wait behind requests for a
/// connection (or the other way round). A claim pushes next_attempt_at past a lease and stamps a claim token under
/// FOR UPDATE SKIP LOCKED: instances never claim the same row, a crashed instance's claims come due again when the
/// lease ends, and only the current claim's holder can record an outcome.
/// </summary>
public sealed class WebhookDeliveryStore : IDisposable
{
    private const string ClaimSql = """
        UPDATE webhook_deliveries d
        SET next_attempt_at = now() + $2, claim_token = gen_random_uuid(), first_attempt_at = COALESCE(d.first_attempt_at, now())
        FROM (
            SELECT dd.id FROM webhook_deliveries dd
            JOIN webhook_endpoints e ON e.id = dd.endpoint_id AND e.disabled_at IS NULL
            WHERE dd.status = 'Pending' AND dd.next_attempt_at <= now()
            ORDER BY dd.next_attempt_at
            LIMIT $1
            FOR UPDATE OF dd SKIP LOCKED) due, webhook_events ev, webhook_endpoints ep
        WHERE d.id = due.id AND ev.id = d.event_id AND ep.id = d.endpoint_id
        RETURNING d.id, d.claim_token, d.attempt_count + 1, ev.id, ep.id, ep.url, ep.secret, ev.payload::text
        """;

    // $3: a final status, or null to retry after $5 unless that falls past first attempt + $6.
    private const string RecordSql = """
        WITH d AS (
            UPDATE webhook_deliveries SET
                status = COALESCE($3, CASE WHEN now() + $5 > first_attempt_at + $6 THEN 'Failed' ELSE 'Pending' END),
                next_attempt_at = now() + $5,
                attempt_count = attempt_count + 1,
                last_attempt_at = now(), last_status_code = $4, last_error = $7, claim_token = NULL
            WHERE id = $1 AND claim_token = $2
            RETURNING id, attempt_count)
        INSERT INTO webhook_attempts (delivery_id, number, at, status_code, error, duration_ms)
        SELECT id, attempt_count, now(), $4, $7, $8 FROM d
        """;

    private const string DisableSql = """
        UPDATE webhook_endpoints SET disabled_at = now(), disabled_reason = 'The receiver answered 410 Gone.' WHERE id = $1 AND disabled_at IS NULL
        """;

    private const string CancelPendingSql = "UPDATE webhook_deliveries SET status = 'Cancelled', claim_token = NULL WHERE endpoint_id = $1 AND status = 'Pending'";

    private const string ReleaseSql = "UPDATE webhook_deliveries SET next_attempt_at = now(), claim_token = NULL WHERE id = $1 AND claim_token = $2";

    private const string OldestPendingSql = "SELECT COALESCE(extract(epoch FROM now() - min(created_at)), 0)::float8 FROM webhook_deliveries WHERE status = 'Pending'";

    // Finished deliveries, and events no delivery needs any more, are kept for the retention period only.
    private const string PurgeDeliveriesSql = "DELETE FROM webhook_deliveries WHERE status <> 'Pending' AND created_at < now() - $1";

    private const string PurgeEventsSql = """
        DELETE FROM webhook_events ev WHERE ev.created_at < now() - $1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ev.id)
        """;

    private readonly NpgsqlDataSource _dataSource;

    public WebhookDeliveryStore(IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Default")
            ?? throw new InvalidOperationException("ConnectionStrings:Default is not set.");
        _dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxPoolSize = 20,
            CommandTimeout = 15,
            ApplicationName = "nearshorehub-webhooks",
        }.ConnectionString);
    }

    public async Task<List<ClaimedDelivery>> ClaimAsync(int limit, TimeSpan lease, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(ClaimSql);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = lease });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var claimed = new List<ClaimedDelivery>();
        while (await reader.ReadAsync(ct))
        {
            claimed.Add(new ClaimedDelivery(reader.GetGuid(0), reader.GetGuid(1), reader.GetInt32(2), reader.GetGuid(3), reader.GetGuid(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        }

        return claimed;
    }

    public async Task RecordAsync(ClaimedDelivery delivery, AttemptResult result, WebhookOptions options, CancellationToken ct)
    {
        var final = result.Outcome switch
        {
            AttemptOutcome.Succeeded => "Succeeded",
            AttemptOutcome.Gone => "Failed",
            _ => null,
        };
        await using var batch = _dataSource.CreateBatch();
        var record = new NpgsqlBatchCommand(RecordSql);
        record.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = delivery.Id });
        record.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = delivery.ClaimToken });
        record.Parameters.Add(new NpgsqlParameter { Value = (object?)final ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        record.Parameters.Add(new NpgsqlParameter { Value = (object?)result.StatusCode ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        record.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.DelayAfter(delivery.Attempt) });
        record.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = options.RetryWindow });
        record.Parameters.Add(new NpgsqlParameter { Value = (object?)result.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = result.DurationMs });
        batch.BatchCommands.Add(record);
        if (result.Outcome == AttemptOutcome.Gone)
        {
            batch.BatchCommands.Add(WithEndpoint(DisableSql, delivery.EndpointId));
            batch.BatchCommands.Add(WithEndpoint(CancelPendingSql, delivery.EndpointId));
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Gives a claim back untried (the instance is stopping), so it comes due at once rather than after its lease.</summary>
    public async Task ReleaseAsync(ClaimedDelivery delivery, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(ReleaseSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = delivery.Id });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = delivery.ClaimToken });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<double> OldestPendingAgeSecondsAsync(CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand(OldestPendingSql);
        return (double)(await command.ExecuteScalarAsync(ct))!;
    }

    public async Task PurgeAsync(TimeSpan retention, CancellationToken ct)
    {
        await using var batch = _dataSource.CreateBatch();
        foreach (var sql in new[] { PurgeDeliveriesSql, PurgeEventsSql })
        {
            var command = new NpgsqlBatchCommand(sql);
            command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = retention });
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(ct);
    }

    public void Dispose() => _dataSource.Dispose();

    private static NpgsqlBatchCommand WithEndpoint(string sql, Guid endpointId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = endpointId });
        return command;
    }
}
