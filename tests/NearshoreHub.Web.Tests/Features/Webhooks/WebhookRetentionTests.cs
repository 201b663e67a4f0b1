namespace NearshoreHub.Web.Tests.Features.Webhooks;

public sealed class WebhookRetentionTests(ShortRetentionWebhookAppFactory app) : IClassFixture<ShortRetentionWebhookAppFactory>
{
    [Fact]
    public async Task Finished_deliveries_and_their_events_are_deleted_after_the_retention_period_and_pending_ones_are_kept()
    {
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync("Retention Co");
        using var company = app.WithApiKey(key);
        var done = "/done-" + Guid.NewGuid().ToString("N");
        var stuck = "/stuck-" + Guid.NewGuid().ToString("N");
        await WebhookScenario.RegisterAsync(company, app.Receiver, done, "project.updated");
        var (stuckId, _) = await WebhookScenario.RegisterAsync(company, app.Receiver, stuck, "project.updated");
        app.Receiver.Respond = (p, _, _) => Task.FromResult(p == stuck ? 503 : 200);
        var projectId = await WebhookScenario.ProjectAsync(company);
        (await WebhookScenario.UpdateProjectTitleAsync(company, projectId, "Kept briefly")).EnsureSuccessStatusCode();
        await app.Receiver.WaitForAsync(done, 1);

        var purged = false;
        for (var i = 0; i < 100 && !purged; i++)
        {
            await Task.Delay(100);
            purged = await app.CountAsync("webhook_deliveries", $"status = 'Succeeded' AND endpoint_id IN (SELECT id FROM webhook_endpoints WHERE company_id = '{companyId}')") == 0
                && await app.CountAsync("webhook_attempts", "status_code = 200") == 0;
        }

        Assert.True(purged, "The finished delivery was never purged.");
        // Still retrying: the delivery to the failing receiver and its event stay.
        Assert.Equal(1, await app.CountAsync("webhook_deliveries", $"endpoint_id = '{stuckId}' AND status = 'Pending'"));
        Assert.Equal(1, await app.CountAsync("webhook_events", $"company_id = '{companyId}'"));
    }
}
