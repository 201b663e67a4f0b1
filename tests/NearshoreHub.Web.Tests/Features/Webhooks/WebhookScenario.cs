using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Features.Webhooks;

/// <summary>The steps webhook and decision tests share: a company with an endpoint, a project, an approved report.</summary>
public static class WebhookScenario
{
    public static async Task<(Guid Id, string Secret)> RegisterAsync(HttpClient company, WebhookReceiver receiver, string path, params string[] events)
    {
        var response = await company.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Origin + path, events });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"register {path}: {(int)response.StatusCode} {text}");
        var body = JsonDocument.Parse(text).RootElement;
        var secret = body.GetProperty("secret").GetString()!;
        receiver.Secrets[path] = secret;
        return (body.GetProperty("id").GetGuid(), secret);
    }

    public static async Task<Guid> ProjectAsync(HttpClient company)
    {
        var response = await company.PostAsJsonAsync("/api/v1/projects", Samples.Project(), NearshoreApiFactory.Json);
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> ProfessionalAsync(NearshoreApiFactory app, string? email = null)
    {
        using var recruiter = await app.RecruiterAsync();
        var response = await recruiter.PostAsJsonAsync("/api/v1/professionals", Samples.Professional(email), NearshoreApiFactory.Json);
        return (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Freezes the project's ranking as a report and reviews it (approved unless told otherwise).</summary>
    public static async Task<Guid> ReportAsync(NearshoreApiFactory app, Guid projectId, string decision = "approved")
    {
        using var recruiter = await app.RecruiterAsync();
        var report = await (await recruiter.PostAsJsonAsync($"/api/v1/projects/{projectId}/match-reports", new { limit = 50 }))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var id = report.GetProperty("id").GetGuid();
        if (decision.Length > 0)
        {
            using var admin = await app.AdminAsync();
            (await admin.PostAsJsonAsync($"/api/v1/match-reports/{id}/review", new { decision })).EnsureSuccessStatusCode();
        }

        return id;
    }

    public static async Task<JsonElement> DeliveriesAsync(HttpClient client, Guid endpointId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{endpointId}/deliveries");

    /// <summary>Polls the deliveries API until <paramref name="done"/> holds for the newest delivery (10 s at most).</summary>
    public static async Task<JsonElement> WaitForDeliveryAsync(HttpClient client, Guid endpointId, Func<JsonElement, bool> done)
    {
        JsonElement last = default;
        for (var i = 0; i < 200; i++)
        {
            var list = await DeliveriesAsync(client, endpointId);
            if (list.GetProperty("items").GetArrayLength() > 0)
            {
                last = list.GetProperty("items")[0];
                if (done(last))
                {
                    return last;
                }
            }

            await Task.Delay(50);
        }

        Assert.Fail($"The delivery never reached the expected state; last seen: {last}");
        return last;
    }

    public static async Task<HttpResponseMessage> UpdateProjectTitleAsync(HttpClient company, Guid projectId, string title)
    {
        var body = Samples.Project();
        body["title"] = title;
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/projects/{projectId}") { Content = JsonContent.Create(body, options: NearshoreApiFactory.Json) };
        return await company.SendAsync(request);
    }
}
