using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Features.Webhooks;

public sealed class WebhookDeliveryTests(WebhookAppFactory app) : IClassFixture<WebhookAppFactory>
{
    private WebhookReceiver Receiver => app.Receiver;

    [Fact]
    public async Task An_approved_report_is_delivered_signed_with_the_standard_headers_and_no_personal_data_and_a_rejected_one_sends_nothing()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Signed Co");
        using var company = app.WithApiKey(key);
        var path = "/approved-" + Guid.NewGuid().ToString("N");
        await WebhookScenario.RegisterAsync(company, Receiver, path, "report.approved");
        var email = $"signed.{Guid.NewGuid():N}@example.com";
        await WebhookScenario.ProfessionalAsync(app, email);
        var projectId = await WebhookScenario.ProjectAsync(company);

        var rejected = await WebhookScenario.ReportAsync(app, projectId, "rejected");
        var approved = await WebhookScenario.ReportAsync(app, projectId);

        var received = Assert.Single(await Receiver.WaitForAsync(path, 1));
        Assert.True(received.SignatureValid, $"signature {received.Signature} does not verify");
        Assert.True(Guid.TryParse(received.Id, out _));
        Assert.InRange(received.Timestamp, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
        var body = received.Json;
        Assert.Equal("report.approved", body.GetProperty("type").GetString());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$", body.GetProperty("timestamp").GetString());
        Assert.Equal(approved, body.GetProperty("data").GetProperty("reportId").GetGuid());
        Assert.Equal(projectId, body.GetProperty("data").GetProperty("projectId").GetGuid());
        Assert.DoesNotContain(rejected.ToString(), received.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("@", received.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("rate", received.Body, StringComparison.OrdinalIgnoreCase);

        // A signature made with another secret must not verify with the receiver's own check (the check can fail).
        Assert.False(WebhookReceiver.Verify("whsec_" + Convert.ToBase64String(new byte[32]), received.Id, received.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), received.Body, received.Signature));
        await Task.Delay(500);
        Assert.Single(Receiver.For(path));
    }

    [Fact]
    public async Task A_project_update_names_the_changed_fields_and_goes_only_to_endpoints_subscribed_to_it()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Updates Co");
        using var company = app.WithApiKey(key);
        var wants = "/updates-" + Guid.NewGuid().ToString("N");
        var other = "/other-" + Guid.NewGuid().ToString("N");
        await WebhookScenario.RegisterAsync(company, Receiver, wants, "project.updated");
        await WebhookScenario.RegisterAsync(company, Receiver, other, "report.approved");
        var projectId = await WebhookScenario.ProjectAsync(company);

        (await WebhookScenario.UpdateProjectTitleAsync(company, projectId, "Renamed platform")).EnsureSuccessStatusCode();
        var received = Assert.Single(await Receiver.WaitForAsync(wants, 1));
        Assert.True(received.SignatureValid);
        Assert.Equal("project.updated", received.Json.GetProperty("type").GetString());
        Assert.Equal(projectId, received.Json.GetProperty("data").GetProperty("projectId").GetGuid());
        Assert.Equal(["title"], received.Json.GetProperty("data").GetProperty("changedFields").EnumerateArray().Select(e => e.GetString()));

        // The same body again changes nothing, so nothing is sent.
        (await WebhookScenario.UpdateProjectTitleAsync(company, projectId, "Renamed platform")).EnsureSuccessStatusCode();
        await Task.Delay(600);
        Assert.Single(Receiver.For(wants));
        Assert.Empty(Receiver.For(other));
    }

    [Fact]
    public async Task A_failing_receiver_is_retried_with_the_same_webhook_id_and_every_attempt_is_visible()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Retry Co");
        using var company = app.WithApiKey(key);
        var path = "/retry-" + Guid.NewGuid().ToString("N");
        var (endpointId, _) = await WebhookScenario.RegisterAsync(company, Receiver, path, "project.updated");
        var previous = Receiver.Respond;
        Receiver.Respond = (p, attempt, context) => p == path ? Task.FromResult(attempt < 3 ? 500 : 204) : previous(p, attempt, context);
        var projectId = await WebhookScenario.ProjectAsync(company);

        (await WebhookScenario.UpdateProjectTitleAsync(company, projectId, "Retried")).EnsureSuccessStatusCode();
        var got = await Receiver.WaitForAsync(path, 3);
        Assert.Single(got.Select(r => r.Id).Distinct());
        Assert.All(got, r => Assert.True(r.SignatureValid));
        Assert.Single(got.Select(r => r.Body).Distinct());

        var delivery = await WebhookScenario.WaitForDeliveryAsync(company, endpointId, d => d.GetProperty("status").GetString() == "succeeded");
        Assert.Equal(got[0].Id, delivery.GetProperty("eventId").GetGuid().ToString());
        Assert.Equal(3, delivery.GetProperty("attemptCount").GetInt32());
        Assert.Equal(JsonValueKind.Null, delivery.GetProperty("nextAttemptAt").ValueKind);
        Assert.Equal([500, 500, 204], delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));

        // An operator sees the failures and the outbox's age among the metrics.
        using var prometheus = app.Anonymous();
        prometheus.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", WebhookAppFactory.MetricsToken);
        var metrics = await prometheus.GetStringAsync("/metrics");
        Assert.Contains("nearshorehub_webhooks_deliveries", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"failed_status\"", metrics, StringComparison.Ordinal);
        Assert.Contains("outcome=\"succeeded\"", metrics, StringComparison.Ordinal);
        Assert.Contains("nearshorehub_webhooks_outbox_oldest_pending_age", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_receiver_answering_410_disables_its_endpoint_and_gets_nothing_more()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Gone Co");
        using var company = app.WithApiKey(key);
        var path = "/gone-" + Guid.NewGuid().ToString("N");
        var (endpointId, _) = await WebhookScenario.RegisterAsync(company, Receiver, path, "project.updated");
        var previous = Receiver.Respond;
        Receiver.Respond = (p, attempt, context) => p == path ? Task.FromResult(410) : previous(p, attempt, context);
        var projectId = await WebhookScenario.ProjectAsync(company);

        (await WebhookScenario.UpdateProjectTitleAsync(company, projectId, "Gone 1")).EnsureSuccessStatusCode();
        await Receiver.WaitForAsync(path, 1);
        var delivery = await WebhookScenario.WaitForDeliveryAsync(company, endpointId, d => d.GetProperty("status").GetString() == "failed");
        Assert.Equal(410, delivery.GetProperty("lastStatusCode").GetInt32());
        var endpoint = await company.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{endpointId}");
        Assert.NotEqual(JsonValueKind.Null, endpoint.GetProperty("disabledAt").ValueKind);

        (await WebhookScenario.UpdateProjectTitleAsync(company, projectId, "Gone 2")).EnsureSuccessStatusCode();
        await Task.Delay(700);
        Assert.Single(Receiver.For(path));
    }

    [Fact]
    public async Task A_hanging_receiver_times_out_without_slowing_the_api_and_a_huge_answer_is_cut_off()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Slow Co");
        using var company = app.WithApiKey(key);
        var hang = "/hang-" + Guid.NewGuid().ToString("N");
        var huge = "/huge-" + Guid.NewGuid().ToString("N");
        var (hangId, _) = await WebhookScenario.RegisterAsync(company, Receiver, hang, "project.updated");
        var (hugeId, _) = await WebhookScenario.RegisterAsync(company, Receiver, huge, "project.updated");
        var previous = Receiver.Respond;
        Receiver.Respond = async (p, attempt, context) =>
        {
            if (p == hang)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return 200;
            }

            if (p == huge)
            {
                context.Response.StatusCode = 200;
                var chunk = new byte[64 * 1024];
                for (var i = 0; i < 160 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted).AsTask().ContinueWith(_ => { }, TaskScheduler.Default);
                }

                return 200;
            }

            return await previous(p, attempt, context);
        };
        var projectId = await WebhookScenario.ProjectAsync(company);

        var clock = Stopwatch.StartNew();
        (await WebhookScenario.UpdateProjectTitleAsync(company, projectId, "Slow")).EnsureSuccessStatusCode();
        await Receiver.WaitForAsync(hang, 1);
        for (var i = 0; i < 5; i++)
        {
            (await company.GetAsync($"/api/v1/projects/{projectId}")).EnsureSuccessStatusCode();
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"The API took {clock.Elapsed} while a receiver hung.");
        var timedOut = await WebhookScenario.WaitForDeliveryAsync(company, hangId, d => d.GetProperty("attemptCount").GetInt32() >= 1);
        Assert.Contains("No answer within", timedOut.GetProperty("attempts")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("pending", timedOut.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, timedOut.GetProperty("nextAttemptAt").ValueKind);

        var cut = await WebhookScenario.WaitForDeliveryAsync(company, hugeId, d => d.GetProperty("status").GetString() == "succeeded");
        Assert.Equal(200, cut.GetProperty("lastStatusCode").GetInt32());
    }

    [Fact]
    public async Task A_host_that_resolves_to_loopback_at_delivery_is_refused_and_recorded_as_a_failed_attempt()
    {
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync("Rebind Co");
        using var company = app.WithApiKey(key);
        // As if the name had resolved to a public address at registration and to loopback now: only the
        // delivery-time check stands between the event and the inside of the network.
        var port = new Uri(Receiver.Origin).Port;
        var endpointId = Guid.NewGuid();
        await using (var connection = new Npgsql.NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new Npgsql.NpgsqlCommand(
                "INSERT INTO webhook_endpoints (id, company_id, url, events, secret, created_at) VALUES ($1, $2, $3, ARRAY['project.updated'], $4, now())", connection);
            insert.Parameters.AddWithValue(endpointId);
            insert.Parameters.AddWithValue(companyId);
            insert.Parameters.AddWithValue($"https://localhost:{port}/rebind");
            insert.Parameters.AddWithValue("whsec_" + Convert.ToBase64String(new byte[32]));
            await insert.ExecuteNonQueryAsync();
        }

        var projectId = await WebhookScenario.ProjectAsync(company);
        (await WebhookScenario.UpdateProjectTitleAsync(company, projectId, "Rebound")).EnsureSuccessStatusCode();
        var delivery = await WebhookScenario.WaitForDeliveryAsync(company, endpointId, d => d.GetProperty("attemptCount").GetInt32() >= 1);
        Assert.Contains("resolves to a loopback", delivery.GetProperty("attempts")[0].GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(Receiver.For("/rebind"));
    }
}
