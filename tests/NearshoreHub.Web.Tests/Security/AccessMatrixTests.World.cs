using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Security;

/// <summary>The objects every row of the table points at, the callers, and what a company must never read.</summary>
public sealed partial class AccessMatrixTests
{
    private static Dictionary<string, object?> Professional(string email)
    {
        var body = Samples.Professional(email);
        body["hourlyRateUsd"] = decimal.Parse(Rate, System.Globalization.CultureInfo.InvariantCulture);
        return body;
    }

    private async Task<World> BuildWorldAsync()
    {
        var world = new World();
        using var admin = await app.AdminAsync();
        using var recruiter = await app.RecruiterAsync();
        (world.CompanyA, var keyA, _) = await app.CreateCompanyWithKeyAsync("Company A");
        (world.CompanyB, var keyB, _) = await app.CreateCompanyWithKeyAsync("Company B", "Europe/London");
        _keys[Caller.CompanyA] = keyA;
        _keys[Caller.CompanyB] = keyB;

        var revoked = await PostAsync(admin, $"/api/v1/companies/{world.CompanyA}/api-keys", new { name = "revoked" });
        (await admin.DeleteAsync($"/api/v1/companies/{world.CompanyA}/api-keys/{revoked.GetProperty("id").GetGuid()}")).EnsureSuccessStatusCode();
        _keys[Caller.RevokedKey] = revoked.GetProperty("key").GetString()!;
        world.SpareKey = (await PostAsync(admin, $"/api/v1/companies/{world.CompanyA}/api-keys", new { name = "spare" })).GetProperty("id").GetGuid();

        world.ProfessionalEmail = $"matrix.pro.{Guid.NewGuid():N}@example.com";
        world.Professional = (await PostAsync(recruiter, "/api/v1/professionals", Professional(world.ProfessionalEmail))).GetProperty("id").GetGuid();
        foreach (var caller in new[] { Caller.Recruiter, Caller.Admin })
        {
            world.DisposableProfessionals[caller] = (await PostAsync(recruiter, "/api/v1/professionals", Professional($"matrix.gone.{Guid.NewGuid():N}@example.com"))).GetProperty("id").GetGuid();
        }

        world.Note = (await PostAsync(recruiter, $"/api/v1/professionals/{world.Professional}/notes", new { text = "Kept" })).GetProperty("id").GetGuid();
        foreach (var caller in new[] { Caller.Recruiter, Caller.Admin })
        {
            world.DisposableNotes[caller] = (await PostAsync(recruiter, $"/api/v1/professionals/{world.Professional}/notes", new { text = "Gone" })).GetProperty("id").GetGuid();
        }

        world.SavedSearch = (await PostAsync(recruiter, "/api/v1/saved-searches", new { name = "Kept", query = "q=engineer" })).GetProperty("id").GetGuid();
        world.DisposableSavedSearch = (await PostAsync(recruiter, "/api/v1/saved-searches", new { name = "Gone", query = "" })).GetProperty("id").GetGuid();
        world.ErasableProfessional = (await PostAsync(recruiter, "/api/v1/professionals", Professional($"matrix.erase.{Guid.NewGuid():N}@example.com"))).GetProperty("id").GetGuid();
        world.DisposableUser = (await PostAsync(admin, "/api/v1/users",
            new { email = $"matrix.disable.{Guid.NewGuid():N}@tests.nearshorehub.local", password = "Matrix-Password-1", role = "Recruiter" })).GetProperty("id").GetGuid();

        using (var companyA = app.WithApiKey(keyA))
        using (var companyB = app.WithApiKey(keyB))
        {
            world.ProjectA = (await PostAsync(companyA, "/api/v1/projects", Samples.Project())).GetProperty("id").GetGuid();
            world.ProjectB = (await PostAsync(companyB, "/api/v1/projects", Samples.Project())).GetProperty("id").GetGuid();
            foreach (var caller in Enum.GetValues<Caller>())
            {
                world.DisposableProjects[caller] = (await PostAsync(companyA, "/api/v1/projects", Samples.Project())).GetProperty("id").GetGuid();
                world.DisposableWebhooks[caller] = (await PostAsync(companyA, "/api/v1/webhooks",
                    new { url = "https://hooks.example.com/disposable", events = new[] { "project.updated" } })).GetProperty("id").GetGuid();
            }

            world.WebhookA = (await PostAsync(companyA, "/api/v1/webhooks", new { url = "https://hooks.example.com/a", events = new[] { "report.approved" } })).GetProperty("id").GetGuid();
        }

        world.ApprovedReport = (await PostAsync(recruiter, $"/api/v1/projects/{world.ProjectA}/match-reports", new { limit = 10 })).GetProperty("id").GetGuid();
        (await admin.PostAsJsonAsync($"/api/v1/match-reports/{world.ApprovedReport}/review", new { decision = "approved" })).EnsureSuccessStatusCode();
        world.PendingReport = (await PostAsync(recruiter, $"/api/v1/projects/{world.ProjectA}/match-reports", new { limit = 10 })).GetProperty("id").GetGuid();

        var skill = await PostAsync(admin, "/api/v1/skills", new { name = "Matrix Setup " + Guid.NewGuid().ToString("N")[..8], category = "tool" });
        world.SkillSlug = skill.GetProperty("slug").GetString()!;
        world.SkillName = skill.GetProperty("name").GetString()!;

        world.Holiday = (await PostAsync(admin, "/api/v1/holidays", new { country = "DE", date = "2030-05-06", name = "Matrix setup day" })).GetProperty("id").GetGuid();
        foreach (var caller in new[] { Caller.CompanyA, Caller.Admin })
        {
            world.DisposableClosures[caller] = (await PostAsync(admin, $"/api/v1/companies/{world.CompanyA}/closures", new { from = "2031-09-01", name = "Disposable" }))
                .GetProperty("id").GetGuid();
        }

        world.SpareClosure = (await PostAsync(admin, $"/api/v1/companies/{world.CompanyA}/closures", new { from = "2031-10-01", name = "Spare" })).GetProperty("id").GetGuid();
        world.Interview = (await PostAsync(recruiter, $"/api/v1/projects/{world.ProjectA}/interviews",
            new { professionalId = world.Professional, start = "2027-03-08T14:00:00Z" })).GetProperty("id").GetGuid();
        world.CancelledInterview = (await PostAsync(recruiter, $"/api/v1/projects/{world.ProjectA}/interviews",
            new { professionalId = world.Professional, start = "2027-03-09T14:00:00Z" })).GetProperty("id").GetGuid();

        // The approved report must really rank the professional, or the rate and email scan would prove nothing.
        using var check = app.WithApiKey(keyA);
        var report = await check.GetStringAsync($"/api/v1/match-reports/{world.ApprovedReport}");
        Assert.Contains(world.Professional.ToString(), report, StringComparison.Ordinal);
        return world;
    }

    private async Task<Dictionary<Caller, HttpClient>> ClientsAsync(World world) => new()
    {
        [Caller.Anonymous] = app.Anonymous(),
        [Caller.CompanyA] = app.WithApiKey(_keys[Caller.CompanyA]),
        [Caller.CompanyB] = app.WithApiKey(_keys[Caller.CompanyB]),
        [Caller.RevokedKey] = app.WithApiKey(_keys[Caller.RevokedKey]),
        [Caller.Recruiter] = await app.RecruiterAsync(),
        [Caller.Admin] = await app.AdminAsync(),
    };

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body, NearshoreApiFactory.Json);
        Assert.True(response.IsSuccessStatusCode, $"setup POST {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>What a non-staff caller must never read: professionals' contact and rate, or the other company's objects.</summary>
    private static IEnumerable<string> Leaks(World world, Caller caller, bool success, string text)
    {
        if (text.Contains(world.ProfessionalEmail, StringComparison.OrdinalIgnoreCase) || text.Contains("@example.com", StringComparison.OrdinalIgnoreCase))
        {
            yield return "response contains a professional's email";
        }

        if (text.Contains(Rate, StringComparison.Ordinal))
        {
            yield return "response contains a professional's hourly rate";
        }

        if (text.Length > 0 && text[0] is '{' or '[')
        {
            foreach (var name in PropertyNames(JsonDocument.Parse(text).RootElement))
            {
                if (name.Equals("email", StringComparison.OrdinalIgnoreCase) || name.StartsWith("hourlyRate", StringComparison.OrdinalIgnoreCase))
                {
                    yield return $"response has a '{name}' field";
                }
            }
        }

        // Error answers echo the requested path, so only successful answers are checked for foreign ids.
        if (success)
        {
            var foreign = caller == Caller.CompanyA ? new[] { world.CompanyB, world.ProjectB }
                : new[] { world.CompanyA, world.ProjectA, world.ApprovedReport, world.PendingReport };
            foreach (var id in foreign.Where(id => text.Contains(id.ToString(), StringComparison.OrdinalIgnoreCase)))
            {
                yield return $"response contains another company's id {id}";
            }
        }
    }

    private static IEnumerable<string> PropertyNames(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => PropertyNames(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
        _ => [],
    };

    private static string Shorten(string text)
    {
        var builder = new StringBuilder(text.Length > 200 ? text[..200] + "…" : text);
        return builder.Replace('\n', ' ').ToString();
    }
}
