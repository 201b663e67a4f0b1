using System.Net.Http.Json;
using NearshoreHub.Web.Tests.Features.Webhooks;

namespace NearshoreHub.Web.Tests.Pages.Admin;

public sealed class WebhooksPageTests(WebhookAppFactory app) : IClassFixture<WebhookAppFactory>
{
    [Fact]
    public async Task Admins_see_every_companys_endpoints_their_deliveries_and_recruiters_see_client_decisions_on_the_project_page()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Page Hooks Co");
        using var company = app.WithApiKey(key);
        var path = "/page-" + Guid.NewGuid().ToString("N");
        var (endpointId, _) = await WebhookScenario.RegisterAsync(company, app.Receiver, path, "report.approved");
        var professional = await WebhookScenario.ProfessionalAsync(app);
        var projectId = await WebhookScenario.ProjectAsync(company);
        var reportId = await WebhookScenario.ReportAsync(app, projectId);
        await app.Receiver.WaitForAsync(path, 1);
        await WebhookScenario.WaitForDeliveryAsync(company, endpointId, d => d.GetProperty("status").GetString() == "succeeded");

        using var admin = await PageClient.AdminAsync(app);
        var html = await admin.GetHtmlAsync("/Admin/Webhooks");
        Assert.Contains("Page Hooks Co", html, StringComparison.Ordinal);
        Assert.Contains(app.Receiver.Origin + path, html, StringComparison.Ordinal);
        var one = await admin.GetHtmlAsync($"/Admin/Webhooks?endpointId={endpointId}");
        Assert.Contains("report.approved", one, StringComparison.Ordinal);
        Assert.Contains("succeeded", one, StringComparison.Ordinal);

        (await company.PostAsJsonAsync($"/api/v1/match-reports/{reportId}/candidates/{professional}/decision", new { decision = "interview", reason = "Loved the portfolio" }))
            .EnsureSuccessStatusCode();
        using var recruiter = await PageClient.RecruiterAsync(app);
        var page = await recruiter.GetHtmlAsync($"/Projects/Details/{projectId}");
        Assert.Contains("Client decisions", page, StringComparison.Ordinal);
        Assert.Contains("Loved the portfolio", page, StringComparison.Ordinal);
        Assert.Contains("interview", page, StringComparison.Ordinal);
    }
}
