using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Matching;

/// <summary>Professionals and projects made through the API, plus the score arithmetic of product spec §3.2 done by hand.</summary>
internal static class MatchingTestData
{
    public static readonly string[] Components = ["skills", "overlap", "rate", "english", "availability"];

    /// <summary>A professional holding <paramref name="skill"/> at <paramref name="level"/>; <paramref name="change"/> edits the body further.</summary>
    public static Dictionary<string, object?> Professional(string skill, int level, Action<Dictionary<string, object?>>? change = null)
    {
        var body = Samples.Professional();
        body["skills"] = new object[] { new { skill, level, years = 5 } };
        change?.Invoke(body);
        return body;
    }

    public static async Task<Guid> CreateProfessionalAsync(HttpClient staff, Dictionary<string, object?> body)
    {
        var response = await staff.PostAsJsonAsync("/api/v1/professionals", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating a professional: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    public static async Task UpdateProfessionalAsync(HttpClient staff, Guid id, Dictionary<string, object?> body)
    {
        var response = await staff.PutAsJsonAsync($"/api/v1/professionals/{id}", body);
        Assert.True(response.IsSuccessStatusCode, $"updating a professional: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>
    /// A New York 09–17 project from 2027-03-01 for 12 weeks needing <paramref name="skill"/> at level 3 (required),
    /// English B2, budget 30–60, 4 h minimum overlap.
    /// </summary>
    public static Dictionary<string, object?> Project(Guid companyId, string skill, Action<Dictionary<string, object?>>? change = null)
    {
        var body = Samples.Project(companyId);
        body["skills"] = new object[] { new { skill, minLevel = 3, required = true } };
        change?.Invoke(body);
        return body;
    }

    public static async Task<Guid> CreateProjectAsync(HttpClient staff, Dictionary<string, object?> body)
    {
        var response = await staff.PostAsJsonAsync("/api/v1/projects", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"creating a project: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> MatchesAsync(HttpClient staff, Guid projectId, string query = "limit=200")
    {
        var response = await staff.GetAsync($"/api/v1/projects/{projectId}/matches?{query}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"ranking: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static List<Guid> Ids(JsonElement ranking) =>
        ranking.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("professional").GetProperty("id").GetGuid()).ToList();

    public static JsonElement Item(JsonElement ranking, Guid professionalId) =>
        ranking.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("professional").GetProperty("id").GetGuid() == professionalId);

    /// <summary>100 · Σ wᵢ·cᵢ / Σ wᵢ, rounded half away from zero to 2 decimals, in decimal arithmetic.</summary>
    public static decimal ScoreFrom(JsonElement weights, JsonElement breakdown)
    {
        decimal sum = 0, weightSum = 0;
        foreach (var c in Components)
        {
            var w = weights.GetProperty(c).GetDecimal();
            sum += w * breakdown.GetProperty(c).GetDecimal();
            weightSum += w;
        }

        return Math.Round(100m * sum / weightSum, 2, MidpointRounding.AwayFromZero);
    }

    /// <summary>PostgreSQL uuid order: the canonical text compared byte by byte.</summary>
    public static int CompareUuid(Guid a, Guid b) =>
        string.CompareOrdinal(a.ToString("D", CultureInfo.InvariantCulture), b.ToString("D", CultureInfo.InvariantCulture));
}
