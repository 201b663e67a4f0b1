using Microsoft.AspNetCore.Hosting;
using NearshoreHub.Web.Tests.Matching;

namespace NearshoreHub.Web.Tests.Features.Webhooks;

/// <summary>
/// The outbox lives in PostgreSQL: an instance that stops in the middle of retries loses nothing, and two instances
/// on one database deliver every event once without ever running two attempts of one delivery at the same time.
/// The fixture serves the API without a dispatcher; the instances started here do the delivering.
/// </summary>
public sealed class WebhookDurabilityTests(QuietWebhookAppFactory app) : IClassFixture<QuietWebhookAppFactory>
{
    // A long timeout, so an attempt is still in flight (not timed out) when its instance stops.
    private SecondInstanceFactory Dispatcher() =>
        new(app.ConnectionString, builder =>
        {
            WebhookAppFactory.Configure(builder, app.Receiver.Origin);
            builder.UseSetting("Webhooks:Timeout", "00:00:20");
        });

    [Fact]
    public async Task An_instance_stopped_in_the_middle_of_retries_loses_nothing_and_the_next_one_delivers_the_same_event()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Restart Co");
        using var company = app.WithApiKey(key);
        var path = "/restart-" + Guid.NewGuid().ToString("N");
        var (endpointId, _) = await WebhookScenario.RegisterAsync(company, app.Receiver, path, "project.updated");
        var hanging = new TaskCompletionSource();
        app.Receiver.Respond = async (p, attempt, context) =>
        {
            if (p != path)
            {
                return 200;
            }

            if (attempt == 1)
            {
                return 503;
            }

            if (attempt == 2)
            {
                // The second attempt is in flight when its instance stops.
                hanging.TrySetResult();
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return 200;
            }

            return 200;
        };
        var projectId = await WebhookScenario.ProjectAsync(company);
        (await WebhookScenario.UpdateProjectTitleAsync(company, projectId, "Restarted")).EnsureSuccessStatusCode();
        Assert.Empty(app.Receiver.For(path));

        var first = Dispatcher();
        _ = first.Services;
        await hanging.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await first.DisposeAsync();

        await using var second = Dispatcher();
        _ = second.Services;
        var got = await app.Receiver.WaitForAsync(path, 3);
        Assert.Single(got.Select(r => r.Id).Distinct());
        Assert.All(got, r => Assert.True(r.SignatureValid));
        var delivery = await WebhookScenario.WaitForDeliveryAsync(company, endpointId, d => d.GetProperty("status").GetString() == "succeeded");
        Assert.Equal(got[0].Id, delivery.GetProperty("eventId").GetGuid().ToString());
        Assert.Equal([503, 200], delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
    }

    [Fact]
    public async Task Two_instances_on_one_database_deliver_every_event_once_and_never_attempt_one_delivery_twice_at_once()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Two Instances Co");
        using var company = app.WithApiKey(key);
        var path = "/pair-" + Guid.NewGuid().ToString("N");
        var (endpointId, _) = await WebhookScenario.RegisterAsync(company, app.Receiver, path, "project.updated");
        app.Receiver.Respond = async (p, attempt, context) =>
        {
            await Task.Delay(20);
            return 200;
        };
        var projectId = await WebhookScenario.ProjectAsync(company);
        const int events = 40;
        for (var i = 0; i < events; i++)
        {
            (await WebhookScenario.UpdateProjectTitleAsync(company, projectId, "Pair " + i)).EnsureSuccessStatusCode();
        }

        await using var one = Dispatcher();
        await using var two = Dispatcher();
        _ = one.Services;
        _ = two.Services;
        await app.Receiver.WaitForAsync(path, events, TimeSpan.FromSeconds(30));

        // The receiver sees a request before its instance records the answer: wait for the outcomes themselves (a fixed
        // 500 ms pause once found 39 of 40 recorded on a busy CI machine), then read what arrived: an attempt is recorded
        // only after its receiver answered, so every recorded attempt has reached the receiver by then.
        var finished = $"endpoint_id = '{endpointId}' AND status <> 'Pending'";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await app.CountAsync("webhook_deliveries", finished) < events && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        var got = app.Receiver.For(path);
        Assert.Equal(events, got.Select(r => r.Id).Distinct().Count());
        Assert.Equal(events, got.Count);
        Assert.False(app.Receiver.SawConcurrentAttempts);

        // Every delivery succeeded at its first attempt; on failure the message shows what the outbox holds instead.
        var outcomes = await app.QueryAsync(
            $"SELECT status, attempt_count, count(*) FROM webhook_deliveries WHERE endpoint_id = '{endpointId}' GROUP BY 1, 2 ORDER BY 1, 2");
        Assert.Equal([$"Succeeded after 1 attempt(s): {events}"], outcomes.Select(r => $"{r[0]} after {r[1]} attempt(s): {r[2]}"));
    }
}
