using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Webhooks;

namespace NearshoreHub.Web.Tests.Features.Webhooks;

public sealed class InterviewWebhookTests(WebhookAppFactory app) : IClassFixture<WebhookAppFactory>
{
    [Fact]
    public async Task Interview_events_carry_the_interview_and_go_out_only_for_professionals_of_an_approved_report_of_the_project()
    {
        var (companyId, key, _) = await app.CreateCompanyWithKeyAsync("Interview Hooks Co");
        using var company = app.WithApiKey(key);
        var path = "/interviews-" + Guid.NewGuid().ToString("N");
        await WebhookScenario.RegisterAsync(company, app.Receiver, path, "interview.scheduled", "interview.cancelled");
        var shown = await WebhookScenario.ProfessionalAsync(app);
        var projectId = await WebhookScenario.ProjectAsync(company);
        await WebhookScenario.ReportAsync(app, projectId);
        var neverShown = await WebhookScenario.ProfessionalAsync(app);
        var start = new DateTimeOffset(2027, 3, 2, 15, 0, 0, TimeSpan.Zero);
        var interviewId = Guid.NewGuid();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
            var now = DateTimeOffset.UtcNow;
            await InterviewWebhooks.EnqueueAsync(db, WebhookEventTypes.InterviewScheduled, companyId, interviewId, projectId, shown, start, start.AddMinutes(45), now, default);
            await InterviewWebhooks.EnqueueAsync(db, WebhookEventTypes.InterviewScheduled, companyId, Guid.NewGuid(), projectId, neverShown, start, start.AddMinutes(45), now, default);
            await db.SaveChangesAsync();
            await InterviewWebhooks.EnqueueAsync(db, WebhookEventTypes.InterviewCancelled, companyId, interviewId, projectId, shown, start, start.AddMinutes(45), now, default);
            await db.SaveChangesAsync();
        }

        var got = await app.Receiver.WaitForAsync(path, 2);
        await Task.Delay(500);
        got = app.Receiver.For(path);
        Assert.Equal(2, got.Count);
        Assert.All(got, r => Assert.True(r.SignatureValid));
        Assert.Equal(["interview.cancelled", "interview.scheduled"], got.Select(r => r.Json.GetProperty("type").GetString()).Order());
        var data = got.Single(r => r.Json.GetProperty("type").GetString() == "interview.scheduled").Json.GetProperty("data");
        Assert.Equal(["end", "interviewId", "professionalId", "projectId", "start"], data.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(interviewId, data.GetProperty("interviewId").GetGuid());
        Assert.Equal(shown, data.GetProperty("professionalId").GetGuid());
        Assert.Equal("2027-03-02T15:00:00.000Z", data.GetProperty("start").GetString());
        Assert.Equal("2027-03-02T15:45:00.000Z", data.GetProperty("end").GetString());
        Assert.DoesNotContain(got, r => r.Body.Contains(neverShown.ToString(), StringComparison.Ordinal));
        Assert.Equal(2, await app.CountAsync("webhook_events", $"professional_id = '{shown}'"));
    }
}
