using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Professionals;
using Npgsql;
using Xunit.Abstractions;

namespace NearshoreHub.Web.Tests.Security;

/// <summary>The data the requests aim at, and the database fingerprint that proves a refused request wrote nothing.</summary>
public sealed partial class HostileInputTests
{
    /// <summary>Real objects the routes point at; a DELETE that succeeds is followed by a fresh object of that kind.</summary>
    private sealed class World
    {
        public Guid Company { get; set; }
        public string CompanyKey { get; set; } = "";
        public Guid SpareKey { get; set; }
        public Guid Professional { get; set; }
        public string ProfessionalEmail { get; set; } = "";
        public Guid DisposableProfessional { get; set; }
        public Guid Project { get; set; }
        public Guid DisposableProject { get; set; }
        public Guid Report { get; set; }
        public string SkillSlug { get; set; } = "";
        public string SkillName { get; set; } = "";
        public Guid DisposableUser { get; set; }
        public string StaffEmail { get; set; } = "";
        public Guid Note { get; set; }
        public Guid SavedSearch { get; set; }
        public Guid Closure { get; set; }
        public Guid Holiday { get; set; }
        public Guid Unknown { get; } = Guid.NewGuid();
    }

    /// <summary>
    /// Row count and newest xmin of every table: any insert, update or delete moves one of them. Audit entries of rejected
    /// imports are left out (see the class remarks).
    /// </summary>
    private async Task<Dictionary<string, string>> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        // Rate limit counters count every request, refused or not: that is their job, not a partial write.
        _tables ??= (await TablesAsync(connection)).Where(t => t != "rate_limit_counters").ToList();
        var sql = string.Join(" UNION ALL ", _tables.Select(t =>
            $"SELECT '{t}', count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text FROM \"{t}\""
            + (t == "audit_entries" ? " WHERE action NOT LIKE '%.rejected'" : "")));
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var result = new Dictionary<string, string>();
        while (await reader.ReadAsync())
        {
            result[reader.GetString(0)] = reader.GetString(1);
        }

        return result;
    }

    private List<string>? _tables;

    private static async Task<List<string>> TablesAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private async Task<World> BuildWorldAsync()
    {
        var world = new World();
        using var admin = await app.AdminAsync();
        (world.Company, world.CompanyKey, _) = await app.CreateCompanyWithKeyAsync("Hostile Co");
        world.SpareKey = await NewKeyAsync(admin, world.Company);
        world.ProfessionalEmail = $"hostile.pro.{Guid.NewGuid():N}@example.com";
        world.Professional = await IdAsync(admin, "/api/v1/professionals", Samples.Professional(world.ProfessionalEmail));
        world.DisposableProfessional = await IdAsync(admin, "/api/v1/professionals", Samples.Professional());
        using (var company = app.WithApiKey(world.CompanyKey))
        {
            world.Project = await IdAsync(company, "/api/v1/projects", Samples.Project());
            world.DisposableProject = await IdAsync(company, "/api/v1/projects", Samples.Project());
        }

        world.Report = await IdAsync(admin, $"/api/v1/projects/{world.Project}/match-reports", new { limit = 5 });
        var skill = await PostAsync(admin, "/api/v1/skills", new { name = "Hostile Setup " + Guid.NewGuid().ToString("N")[..8], category = "tool" });
        world.SkillSlug = skill.GetProperty("slug").GetString()!;
        world.SkillName = skill.GetProperty("name").GetString()!;
        world.DisposableUser = await IdAsync(admin, "/api/v1/users",
            new { email = $"hostile.user.{Guid.NewGuid():N}@tests.nearshorehub.local", password = StaffPassword, role = "Recruiter" });
        world.StaffEmail = $"hostile.staff.{Guid.NewGuid():N}@tests.nearshorehub.local";
        await IdAsync(admin, "/api/v1/users", new { email = world.StaffEmail, password = StaffPassword, role = "Recruiter" });
        await AddDisposablesAsync(admin, world);
        return world;
    }

    private async Task ReplenishAsync(World world, Target target)
    {
        using var admin = await app.AdminAsync();
        if (target.Method == "DELETE" && RouteParameters(target.Pattern).Any(p => p.Resource is "notes" or "saved-searches" or "closures" or "holidays"))
        {
            await AddDisposablesAsync(admin, world);
        }
        else if (target.Pattern.Contains("/api-keys/", StringComparison.Ordinal))
        {
            world.SpareKey = await NewKeyAsync(admin, world.Company);
        }
        else if (target.Pattern.StartsWith("/api/v1/professionals/", StringComparison.Ordinal))
        {
            world.DisposableProfessional = await IdAsync(admin, "/api/v1/professionals", Samples.Professional());
        }
        else if (target.Pattern.StartsWith("/api/v1/projects/", StringComparison.Ordinal))
        {
            using var company = app.WithApiKey(world.CompanyKey);
            world.DisposableProject = await IdAsync(company, "/api/v1/projects", Samples.Project());
        }
    }

    private static int _holidayDay;

    /// <summary>A note, saved search, closure and holiday that a DELETE may remove.</summary>
    private static async Task AddDisposablesAsync(HttpClient admin, World world)
    {
        world.Note = await IdAsync(admin, $"/api/v1/professionals/{world.Professional}/notes", new { text = "Hostile setup" });
        world.SavedSearch = await IdAsync(admin, "/api/v1/saved-searches", new { name = "Hostile setup", query = "q=engineer" });
        world.Closure = await IdAsync(admin, $"/api/v1/companies/{world.Company}/closures", new { from = "2031-01-05", name = "Hostile setup" });
        var day = new DateOnly(2033, 1, 1).AddDays(Interlocked.Increment(ref _holidayDay));
        world.Holiday = await IdAsync(admin, "/api/v1/holidays", new { country = "BR", date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), name = "Hostile setup" });
    }

    private const string StaffPassword = "Hostile-Staff-Password-5";

    /// <summary>A freshly signed-in staff client, for requests that end their caller's sessions.</summary>
    private async Task<HttpClient> ThrowawayStaffAsync(World world)
    {
        using var anonymous = app.Anonymous();
        var tokens = await PostAsync(anonymous, "/api/v1/auth/login", new { email = world.StaffEmail, password = StaffPassword });
        var client = app.Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", tokens.GetProperty("accessToken").GetString());
        return client;
    }

    private static async Task<Guid> NewKeyAsync(HttpClient admin, Guid company) =>
        await IdAsync(admin, $"/api/v1/companies/{company}/api-keys", new { name = "spare" });

    private static async Task<Guid> IdAsync(HttpClient client, string url, object body) =>
        (await PostAsync(client, url, body)).GetProperty("id").GetGuid();

    private static async Task<JsonElement> PostAsync(HttpClient client, string url, object body)
    {
        using var response = await client.PostAsJsonAsync(url, body, NearshoreApiFactory.Json);
        Assert.True(response.IsSuccessStatusCode, $"setup POST {url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static string Shorten(string text)
    {
        var flat = text.Length > 240 ? text[..240] + $"…({text.Length} chars)" : text;
        return new StringBuilder(flat).Replace('\n', ' ').Replace('\r', ' ').Replace('\0', '␀').ToString();
    }
}
