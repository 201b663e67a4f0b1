using Microsoft.Extensions.Options;

namespace NearshoreHub.Web.Features.Webhooks;

/// <summary>
/// Delivers the outbox in the background of every instance: claims due deliveries (as many as it has free slots),
/// runs each attempt on its own, records the outcome and schedules the next try. Nothing here runs on a request, so
/// a receiver that hangs costs one slot for at most the timeout and never slows the API.
/// </summary>
internal sealed partial class WebhookDispatcher(
    WebhookDeliveryStore store, WebhookSender sender, IOptions<WebhookOptions> options, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan AgeRefresh = TimeSpan.FromSeconds(5);
    private readonly WebhookOptions _options = options.Value;
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly List<Task> _inFlight = [];
    private SemaphoreSlim _slots = null!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.DispatcherEnabled)
        {
            return;
        }

        _slots = new SemaphoreSlim(Math.Max(1, _options.Concurrency));
        WebhookOutbox.Enqueued += Wake;
        try
        {
            await RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            WebhookOutbox.Enqueued -= Wake;
            Task[] running;
            lock (_inFlight)
            {
                running = [.. _inFlight];
            }

            await Task.WhenAll(running);
        }
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        var nextAgeRefresh = DateTime.UtcNow;
        var nextPurge = DateTime.UtcNow + _options.PurgeInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            await _slots.WaitAsync(stoppingToken);
            var free = _slots.CurrentCount + 1;
            List<ClaimedDelivery> claimed;
            try
            {
                if (DateTime.UtcNow >= nextAgeRefresh)
                {
                    WebhookMetrics.OldestPending(await store.OldestPendingAgeSecondsAsync(stoppingToken));
                    nextAgeRefresh = DateTime.UtcNow + AgeRefresh;
                }

                if (DateTime.UtcNow >= nextPurge)
                {
                    nextPurge = DateTime.UtcNow + _options.PurgeInterval;
                    await store.PurgeAsync(_options.Retention, stoppingToken);
                }

                claimed = await store.ClaimAsync(free, _options.Lease, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database is away: nothing is lost (the outbox is there when it returns), so wait and look again.
                LogClaimFailed(logger, e.GetType().Name);
                _slots.Release();
                await Task.Delay(_options.PollInterval, stoppingToken);
                continue;
            }

            for (var i = 0; i < claimed.Count; i++)
            {
                if (i > 0)
                {
                    // Free slots were counted before the claim and only this loop takes them, so this never waits.
                    await _slots.WaitAsync(CancellationToken.None);
                }

                Start(claimed[i], stoppingToken);
            }

            if (claimed.Count == 0)
            {
                _slots.Release();
            }

            if (claimed.Count < free)
            {
                await _wake.WaitAsync(_options.PollInterval, stoppingToken);
            }
        }
    }

    private void Start(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        var task = Task.Run(() => AttemptAsync(delivery, stoppingToken), CancellationToken.None);
        lock (_inFlight)
        {
            _inFlight.Add(task);
        }

        task.ContinueWith(t =>
        {
            lock (_inFlight)
            {
                _inFlight.Remove(t);
            }
        }, TaskScheduler.Default);
    }

    private async Task AttemptAsync(ClaimedDelivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            var result = await sender.SendAsync(delivery.Url, delivery.Secret, delivery.EventId, delivery.Payload, stoppingToken);
            WebhookMetrics.Attempted(result.Outcome);
            await store.RecordAsync(delivery, result, _options, CancellationToken.None);
            if (result.Outcome != AttemptOutcome.Succeeded)
            {
                LogAttemptFailed(logger, delivery.Id, delivery.Attempt, result.Outcome, result.StatusCode);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await ReleaseQuietlyAsync(delivery);
        }
        catch (Exception e)
        {
            // Not recorded: the claim's lease runs out and the delivery is tried again, which is what at-least-once needs.
            LogRecordFailed(logger, delivery.Id, e.GetType().Name);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task ReleaseQuietlyAsync(ClaimedDelivery delivery)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await store.ReleaseAsync(delivery, timeout.Token);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException)
        {
            // The lease will end on its own.
        }
    }

    private void Wake()
    {
        if (_wake.CurrentCount == 0)
        {
            try
            {
                _wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another event woke it first.
            }
        }
    }

    public override void Dispose()
    {
        _wake.Dispose();
        _slots?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook dispatcher could not claim deliveries ({Error}); retrying")]
    private static partial void LogClaimFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook delivery {DeliveryId} attempt {Attempt}: {Outcome} {StatusCode}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, int attempt, AttemptOutcome outcome, int? statusCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId}: the attempt's outcome was not recorded ({Error}); it will be tried again")]
    private static partial void LogRecordFailed(ILogger logger, Guid deliveryId, string error);
}
