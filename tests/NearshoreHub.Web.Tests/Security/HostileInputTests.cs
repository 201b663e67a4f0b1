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

/// <summary>
/// Generated hostile requests against every writing endpoint under /api/v1, found from the endpoint data source so a new
/// one is covered without touching this file. Every answer must be below 500, every 4xx must be problem details, and a
/// rejected request must leave the database exactly as it was. HOSTILE_CASES sets how many requests (default 300);
/// HOSTILE_SEED replays a run (the seed is printed on failure).
/// </summary>
/// <remarks>
/// Decided: a rejected request writes nothing — no row, no idempotency record (a key that failed can be retried), no
/// audit entry — with one exception: an atomic CSV import that rejects rows records "professional.import.rejected" in
/// the audit log, because an attempted bulk write of personal data is something admins must be able to see.
/// Rate limit counters are not compared either: they count every request, refused ones included.
/// </remarks>
public sealed partial class HostileInputTests(NearshoreApiFactory app, ITestOutputHelper output) : IClassFixture<NearshoreApiFactory>
{
    private sealed record Target(string Method, string Pattern, bool CompaniesAllowed)
    {
        public string Name => $"{Method} {Pattern}";
    }

    [Fact]
    public async Task Hostile_input_to_any_writing_endpoint_never_answers_5xx_always_answers_problem_details_and_never_writes_when_rejected()
    {
        var targets = WritingEndpoints();
        Assert.NotEmpty(targets);
        var world = await BuildWorldAsync();
        // Every route parameter must be fillable before any request goes out, so a new endpoint fails loudly here.
        var unfillable = targets.SelectMany(t => RouteParameters(t.Pattern).Where(p => Fill(world, t, p.Resource) is null)
            .Select(p => $"{t.Name}: {{{p.Name}}}")).ToList();
        Assert.True(unfillable.Count == 0,
            "HostileInputTests cannot fill these route parameters; add them to Fill(): " + string.Join(", ", unfillable));

        var cases = int.TryParse(Environment.GetEnvironmentVariable("HOSTILE_CASES"), out var n) && n > 0 ? n : 300;
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("HOSTILE_SEED"), out var s) ? s : (ulong)Random.Shared.NextInt64();
        using var admin = await app.AdminAsync();
        using var company = app.WithApiKey(world.CompanyKey);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < cases; i++)
        {
            // Round robin over the endpoints, so each gets its share whatever the total.
            var target = targets[i % targets.Count];
            var recipe = HostileInput.Recipes.Generate(new PCG(1, seed + (ulong)i), null, out _);
            var asCompany = recipe.AsCompany && target.CompaniesAllowed;
            using var request = Build(target, recipe, world, asCompany, out var described);
            // Signing out everywhere ends the caller's sessions: it gets a staff user of its own each time.
            using var own = target.Name == "POST /api/v1/auth/logout-all" ? await ThrowawayStaffAsync(world) : null;
            var before = await FingerprintAsync();
            using var response = await (asCompany ? company : own ?? admin).SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var body = await response.Content.ReadAsStringAsync();
            var caseName = $"case {i} (seed {seed}) {described} as {(asCompany ? "company" : "admin")} → {status}";

            if (status >= 500)
            {
                failures.Add($"{caseName}: server error {Shorten(body)}");
            }
            else if (status >= 400)
            {
                failures.AddRange(ProblemDetailsErrors(response, body, status).Select(e => $"{caseName}: {e}"));
            }

            if (!response.IsSuccessStatusCode)
            {
                var after = await FingerprintAsync();
                var changed = before.Where(b => after.GetValueOrDefault(b.Key) != b.Value).Select(b => b.Key)
                    .Concat(after.Keys.Except(before.Keys)).ToList();
                if (changed.Count > 0)
                {
                    failures.Add($"{caseName}: rejected but changed {string.Join(", ", changed)}");
                }
            }
            else if (target.Method == "DELETE" || target.Pattern.EndsWith("/erasure", StringComparison.Ordinal))
            {
                await ReplenishAsync(world, target);
            }
        }

        output.WriteLine($"{cases} hostile requests over {targets.Count} writing endpoints in {watch.Elapsed.TotalSeconds:F1} s, seed {seed}; statuses: "
            + string.Join(", ", statuses.OrderBy(p => p.Key).Select(p => $"{p.Key}×{p.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} finding(s), replay with HOSTILE_SEED={seed}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, failures.Take(40)));
    }

    [Fact]
    public void Every_writing_endpoint_has_a_valid_sample_body_or_takes_none()
    {
        var missing = WritingEndpoints().Where(t => t.Method != "DELETE" && !SampleKnown(t)).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "Add a valid sample body to HostileInputTests.Sample for: " + string.Join(", ", missing));
    }

    private List<Target> WritingEndpoints()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var found = new List<Target>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (!pattern.StartsWith("/api/v1", StringComparison.Ordinal))
            {
                continue;
            }

            var companies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == Policies.StaffOrCompany);
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (method is "POST" or "PUT" or "PATCH" or "DELETE")
                {
                    found.Add(new Target(method, pattern, companies));
                }
            }
        }

        return found.DistinctBy(t => t.Name).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
    }

    private static IEnumerable<(string Name, string Resource)> RouteParameters(string pattern)
    {
        var segments = pattern.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            if (segments[i].StartsWith('{'))
            {
                var name = segments[i].Trim('{', '}').Split(':')[0];
                yield return (name, i > 0 ? segments[i - 1] : "");
            }
        }
    }

    /// <summary>The real value for a route parameter, named by the collection it follows; null when unknown.</summary>
    private static string? Fill(World world, Target target, string resource) => (resource, target.Method) switch
    {
        ("companies", _) => world.Company.ToString(),
        ("api-keys", _) => world.SpareKey.ToString(),
        ("skills", _) => world.SkillSlug,
        ("professionals", "DELETE") => world.DisposableProfessional.ToString(),
        ("professionals", _) when target.Pattern.EndsWith("/erasure", StringComparison.Ordinal) => world.DisposableProfessional.ToString(),
        ("users", _) => world.DisposableUser.ToString(),
        ("professionals", _) => world.Professional.ToString(),
        ("projects", "DELETE") => world.DisposableProject.ToString(),
        ("projects", _) => world.Project.ToString(),
        ("match-reports", _) => world.Report.ToString(),
        ("candidates", _) => world.Professional.ToString(),
        ("notes", _) => world.Note.ToString(),
        ("saved-searches", _) => world.SavedSearch.ToString(),
        ("closures", _) => world.Closure.ToString(),
        ("holidays", _) => world.Holiday.ToString(),
        // Interviews need an offered slot of a professional in an approved report, and webhooks a company's own
        // endpoint: these aim at ids nobody has, so every variant must be a clean 404 (or 400) that writes nothing.
        ("interviews", _) or ("webhooks", _) => world.Unknown.ToString(),
        _ => null,
    };

    private static bool SampleKnown(Target target) => Sample(new World(), target, asCompany: false) is not null;

    /// <summary>A body the endpoint accepts; hostile recipes change it one way at a time.</summary>
    private static string? Sample(World world, Target target, bool asCompany)
    {
        object? body = target.Name switch
        {
            "POST /api/v1/auth/login" => new { email = "nobody.hostile@example.com", password = "Wrong-password-1" },
            "POST /api/v1/auth/refresh" => new { refreshToken = "not-a-refresh-token" },
            "POST /api/v1/auth/logout" => new { refreshToken = "not-a-refresh-token" },
            "POST /api/v1/auth/logout-all" => new { },
            // A wrong current password: no hostile variant can change the admin's password.
            "POST /api/v1/auth/password" => new { currentPassword = "Not-The-Admin-Password-1", newPassword = "Hostile-New-Password-9" },
            "POST /api/v1/users/{id:guid}/disable" => new { },
            "POST /api/v1/users/{id:guid}/enable" => new { },
            "POST /api/v1/professionals/{id:guid}/erasure" => new { reason = "Hostile input erasure" },
            "POST /api/v1/skills" => new { name = "Hostile " + Guid.NewGuid().ToString("N")[..8], category = "tool" },
            "PUT /api/v1/skills/{slug}" => new { name = world.SkillName, category = "tool" },
            "POST /api/v1/companies" => new { name = "Hostile " + Guid.NewGuid().ToString("N")[..8], timeZone = "Europe/Berlin" },
            "PUT /api/v1/companies/{id:guid}" => new { name = "Hostile company", timeZone = "America/New_York" },
            "POST /api/v1/companies/{id:guid}/api-keys" => new { name = "hostile" },
            "POST /api/v1/users" => new
            {
                email = $"hostile.{Guid.NewGuid():N}@tests.nearshorehub.local",
                password = "Hostile-Password-1",
                displayName = "Hostile",
                role = "Recruiter",
            },
            "POST /api/v1/professionals/import" => ProfessionalCsvFiles.File(ProfessionalCsvFiles.Row($"hostile.import.{Guid.NewGuid():N}@example.com")),
            "POST /api/v1/professionals" => Samples.Professional(),
            "PUT /api/v1/professionals/{id:guid}" => Samples.Professional(world.ProfessionalEmail),
            "POST /api/v1/projects" => Samples.Project(asCompany ? null : world.Company),
            "PUT /api/v1/projects/{id:guid}" => Samples.Project(asCompany ? null : world.Company),
            "POST /api/v1/projects/{id:guid}/match-reports" => new { limit = 5 },
            "POST /api/v1/match-reports/{id:guid}/review" => new { decision = "approved" },
            "POST /api/v1/match-reports/{id:guid}/candidates/{professionalId:guid}/decision" => new { decision = "interview", reason = "Hostile" },
            "POST /api/v1/holidays" => new { country = "BR", date = "2031-07-15", name = "Hostile holiday" },
            "POST /api/v1/companies/{id:guid}/closures" => new { from = "2031-12-24", to = "2031-12-31", name = "Hostile shutdown" },
            "POST /api/v1/professionals/{id:guid}/notes" => new { text = "Hostile note" },
            "POST /api/v1/projects/{id:guid}/interviews" => new { professionalId = world.Professional, start = "2031-03-04T15:00:00Z", minutes = 45 },
            "POST /api/v1/saved-searches" => new { name = "Hostile search", query = "q=engineer" },
            "POST /api/v1/saved-searches/{id:guid}/seen" => new { asOf = "2026-01-01T00:00:00Z" },
            "POST /api/v1/webhooks" => new { url = "https://hooks.hostile.example/in", events = new[] { "report.approved" } },
            _ => null,
        };
        return body switch
        {
            null => null,
            string csv => csv,
            _ => JsonSerializer.Serialize(body, NearshoreApiFactory.Json),
        };
    }
}
