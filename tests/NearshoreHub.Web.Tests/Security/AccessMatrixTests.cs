using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Security;

/// <summary>
/// Every API endpoint against every kind of caller, from one explicit table. An endpoint missing from the table
/// fails the test, so nobody adds an endpoint without deciding who may call it.
/// </summary>
public sealed partial class AccessMatrixTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    public enum Caller { Anonymous, CompanyA, CompanyB, RevokedKey, Recruiter, Admin }

    private const string Rate = "47.31";

    /// <summary>Real objects the table's routes point at. Company A owns the projects and reports.</summary>
    private sealed class World
    {
        public Guid CompanyA { get; set; }
        public Guid CompanyB { get; set; }
        public Guid ProjectA { get; set; }
        public Guid ProjectB { get; set; }
        public Guid ApprovedReport { get; set; }
        public Guid PendingReport { get; set; }
        public Guid SpareKey { get; set; }
        public Guid Professional { get; set; }
        public string ProfessionalEmail { get; set; } = "";
        public string SkillSlug { get; set; } = "";
        public string SkillName { get; set; } = "";
        public Guid DisposableUser { get; set; }
        public Guid ErasableProfessional { get; set; }
        public Dictionary<Caller, Guid> DisposableProjects { get; } = [];
        public Dictionary<Caller, Guid> DisposableProfessionals { get; } = [];
        public Guid Note { get; set; }
        public Dictionary<Caller, Guid> DisposableNotes { get; } = [];
        public Guid SavedSearch { get; set; }
        public Guid DisposableSavedSearch { get; set; }
        public Guid Holiday { get; set; }
        public Dictionary<Caller, Guid> DisposableClosures { get; } = [];
        public Guid SpareClosure { get; set; }
        public Guid Interview { get; set; }
        public Guid CancelledInterview { get; set; }
        public Guid WebhookA { get; set; }
        public Dictionary<Caller, Guid> DisposableWebhooks { get; } = [];
    }

    /// <summary>Company A's own object that only A and admins may reach (closures): recruiters are refused.</summary>
    private static Rule AdminOrA(int ok, Func<World, Caller, string> url, Func<World, Caller, object?>? body = null) =>
        new(url, body, 401, ok, 404, 401, 403, ok);

    /// <summary>One interview start per caller on ProjectA (NY 09:00 EST = 14:00 UTC), so successful bookings never clash.</summary>
    private static string InterviewStart(Caller caller) => caller switch
    {
        Caller.CompanyA => "2027-03-02T14:00:00Z",
        Caller.Recruiter => "2027-03-03T14:00:00Z",
        Caller.Admin => "2027-03-04T14:00:00Z",
        _ => "2027-03-05T14:00:00Z",
    };

    private sealed record Rule(
        Func<World, Caller, string> Url,
        Func<World, Caller, object?>? Body,
        int Anonymous, int CompanyA, int CompanyB, int RevokedKey, int Recruiter, int Admin)
    {
        public int Expected(Caller caller) => caller switch
        {
            Caller.Anonymous => Anonymous,
            Caller.CompanyA => CompanyA,
            Caller.CompanyB => CompanyB,
            Caller.RevokedKey => RevokedKey,
            Caller.Recruiter => Recruiter,
            _ => Admin,
        };
    }

    private static Rule Everyone(int status, Func<World, Caller, string> url, Func<World, Caller, object?>? body = null) =>
        new(url, body, status, status, status, status, status, status);

    private static Rule StaffOnly(int ok, Func<World, Caller, string> url, Func<World, Caller, object?>? body = null) =>
        new(url, body, 401, 403, 403, 401, ok, ok);

    private static Rule AdminOnly(int ok, Func<World, Caller, string> url, Func<World, Caller, object?>? body = null) =>
        new(url, body, 401, 403, 403, 401, 403, ok);

    /// <summary>Company A's own object: A and staff reach it, company B is told it does not exist.</summary>
    private static Rule OwnedByA(int ok, Func<World, Caller, string> url, Func<World, Caller, object?>? body = null) =>
        new(url, body, 401, ok, 404, 401, ok, ok);

    /// <summary>A company's own endpoint: staff get 403 (company-only), another company 404.</summary>
    private static Rule CompanyOnly(int ok, Func<World, Caller, string> url, Func<World, Caller, object?>? body = null) =>
        new(url, body, 401, ok, 404, 401, 403, 403);

    private static readonly Dictionary<string, Rule> Table = new()
    {
        ["POST /api/v1/auth/login"] = Everyone(401, (_, _) => "/api/v1/auth/login", (_, _) => new { email = "nobody@matrix.test", password = "Wrong-password-1" }),
        ["POST /api/v1/auth/refresh"] = Everyone(401, (_, _) => "/api/v1/auth/refresh", (_, _) => new { refreshToken = "not-a-refresh-token" }),
        ["POST /api/v1/auth/logout"] = Everyone(401, (_, _) => "/api/v1/auth/logout", (_, _) => new { refreshToken = "not-a-refresh-token" }),
        // Staff get 400 for the empty body: past the access check, nothing changed.
        ["POST /api/v1/auth/password"] = StaffOnly(400, (_, _) => "/api/v1/auth/password", (_, _) => new { }),
        // Ends the staff callers' sessions, so it runs last (see the loop).
        ["POST /api/v1/auth/logout-all"] = StaffOnly(204, (_, _) => "/api/v1/auth/logout-all"),
        ["GET /api/v1/tools/overlap"] = Everyone(200, (_, _) => "/api/v1/tools/overlap?clientTimeZone=America/New_York&clientStart=09:00&clientEnd=17:00"
            + "&professionalTimeZone=America/Recife&professionalStart=09:00&professionalEnd=18:00&from=2027-03-01&weeks=2"),
        ["GET /metrics"] = Everyone(401, (_, _) => "/metrics"),

        ["GET /api/v1/skills"] = OwnedByA(200, (_, _) => "/api/v1/skills") with { CompanyB = 200 },
        ["GET /api/v1/skills/{slug}"] = OwnedByA(200, (_, _) => "/api/v1/skills/csharp") with { CompanyB = 200 },
        ["POST /api/v1/skills"] = AdminOnly(201, (_, _) => "/api/v1/skills", (_, _) => new { name = "Matrix " + Guid.NewGuid().ToString("N")[..8], category = "tool" }),
        ["PUT /api/v1/skills/{slug}"] = AdminOnly(200, (w, _) => $"/api/v1/skills/{w.SkillSlug}", (w, _) => new { name = w.SkillName, category = "tool" }),

        ["GET /api/v1/companies"] = AdminOnly(200, (_, _) => "/api/v1/companies"),
        ["GET /api/v1/companies/{id:guid}"] = AdminOnly(200, (w, _) => $"/api/v1/companies/{w.CompanyA}"),
        ["POST /api/v1/companies"] = AdminOnly(201, (_, _) => "/api/v1/companies", (_, _) => new { name = "Matrix " + Guid.NewGuid().ToString("N")[..8], timeZone = "Europe/Berlin" }),
        ["PUT /api/v1/companies/{id:guid}"] = AdminOnly(200, (w, _) => $"/api/v1/companies/{w.CompanyA}", (_, _) => new { name = "Company A", timeZone = "America/New_York" }),
        ["GET /api/v1/companies/{id:guid}/api-keys"] = AdminOnly(200, (w, _) => $"/api/v1/companies/{w.CompanyA}/api-keys"),
        ["POST /api/v1/companies/{id:guid}/api-keys"] = AdminOnly(201, (w, _) => $"/api/v1/companies/{w.CompanyA}/api-keys", (_, _) => new { name = "matrix" }),
        ["DELETE /api/v1/companies/{id:guid}/api-keys/{keyId:guid}"] = AdminOnly(204, (w, _) => $"/api/v1/companies/{w.CompanyA}/api-keys/{w.SpareKey}"),

        ["GET /api/v1/users"] = AdminOnly(200, (_, _) => "/api/v1/users"),
        ["POST /api/v1/users"] = AdminOnly(201, (_, _) => "/api/v1/users",
            (_, _) => new { email = $"matrix.{Guid.NewGuid():N}@tests.nearshorehub.local", password = "Matrix-Password-1", displayName = "Matrix", role = "Recruiter" }),

        ["POST /api/v1/users/{id:guid}/disable"] = AdminOnly(204, (w, _) => $"/api/v1/users/{w.DisposableUser}/disable"),
        ["POST /api/v1/users/{id:guid}/enable"] = AdminOnly(204, (w, _) => $"/api/v1/users/{w.DisposableUser}/enable"),
        ["GET /api/v1/professionals/{id:guid}/personal-data"] = AdminOnly(200, (w, _) => $"/api/v1/professionals/{w.Professional}/personal-data"),
        ["POST /api/v1/professionals/{id:guid}/erasure"] = AdminOnly(200, (w, _) => $"/api/v1/professionals/{w.ErasableProfessional}/erasure",
            (_, _) => new { reason = "Access matrix erasure" }),

        ["GET /api/v1/professionals"] = StaffOnly(200, (_, _) => "/api/v1/professionals?q=senior"),
        ["GET /api/v1/professionals/export"] = StaffOnly(200, (_, _) => "/api/v1/professionals/export"),
        ["POST /api/v1/professionals/import"] = StaffOnly(200, (_, _) => "/api/v1/professionals/import",
            (_, _) => new StringContent(Professionals.ProfessionalCsvFiles.File(Professionals.ProfessionalCsvFiles.Row($"matrix.import.{Guid.NewGuid():N}@example.com")), Encoding.UTF8, "text/csv")),
        ["GET /api/v1/professionals/{id:guid}"] = StaffOnly(200, (w, _) => $"/api/v1/professionals/{w.Professional}"),
        ["POST /api/v1/professionals"] = StaffOnly(201, (_, _) => "/api/v1/professionals", (_, _) => Samples.Professional()),
        ["PUT /api/v1/professionals/{id:guid}"] = StaffOnly(200, (w, _) => $"/api/v1/professionals/{w.Professional}", (w, _) => Professional(w.ProfessionalEmail)),
        ["DELETE /api/v1/professionals/{id:guid}"] = StaffOnly(204, (w, c) => $"/api/v1/professionals/{w.DisposableProfessionals.GetValueOrDefault(c, w.Professional)}"),

        ["GET /api/v1/projects"] = OwnedByA(200, (_, _) => "/api/v1/projects") with { CompanyB = 200 },
        ["GET /api/v1/projects/{id:guid}"] = OwnedByA(200, (w, _) => $"/api/v1/projects/{w.ProjectA}"),
        // Company B naming company A in the body is refused as invalid: a company posts only for itself.
        ["POST /api/v1/projects"] = OwnedByA(201, (_, _) => "/api/v1/projects", (w, _) => Samples.Project(w.CompanyA)) with { CompanyB = 400 },
        ["PUT /api/v1/projects/{id:guid}"] = OwnedByA(200, (w, _) => $"/api/v1/projects/{w.ProjectA}", (w, _) => Samples.Project(w.CompanyA)),
        ["DELETE /api/v1/projects/{id:guid}"] = OwnedByA(204, (w, c) => $"/api/v1/projects/{w.DisposableProjects[c]}"),
        ["GET /api/v1/projects/{id:guid}/matches"] = StaffOnly(200, (w, _) => $"/api/v1/projects/{w.ProjectA}/matches"),
        ["POST /api/v1/projects/{id:guid}/match-reports"] = StaffOnly(201, (w, _) => $"/api/v1/projects/{w.ProjectA}/match-reports", (_, _) => new { limit = 5 }),
        ["GET /api/v1/projects/{id:guid}/match-reports"] = OwnedByA(200, (w, _) => $"/api/v1/projects/{w.ProjectA}/match-reports"),

        ["GET /api/v1/match-reports"] = StaffOnly(200, (_, _) => "/api/v1/match-reports"),
        ["GET /api/v1/match-reports/{id:guid}"] = OwnedByA(200, (w, _) => $"/api/v1/match-reports/{w.ApprovedReport}"),
        ["GET /api/v1/match-reports/{id:guid}/export"] = OwnedByA(200, (w, _) => $"/api/v1/match-reports/{w.ApprovedReport}/export"),
        ["POST /api/v1/match-reports/{id:guid}/candidates/{professionalId:guid}/decision"] = CompanyOnly(200,
            (w, _) => $"/api/v1/match-reports/{w.ApprovedReport}/candidates/{w.Professional}/decision", (_, _) => new { decision = "interview", reason = "matrix" }),
        ["GET /api/v1/projects/{id:guid}/pipeline"] = OwnedByA(200, (w, _) => $"/api/v1/projects/{w.ProjectA}/pipeline"),

        // Webhooks: the company itself; admins read every company's (product.md §6).
        ["POST /api/v1/webhooks"] = CompanyOnly(201, (_, _) => "/api/v1/webhooks", (_, _) => new { url = "https://hooks.example.com/matrix", events = new[] { "report.approved" } }) with { CompanyB = 201 },
        ["GET /api/v1/webhooks"] = CompanyOnly(200, (_, _) => "/api/v1/webhooks") with { CompanyB = 200, Admin = 200 },
        ["GET /api/v1/webhooks/{id:guid}"] = CompanyOnly(200, (w, _) => $"/api/v1/webhooks/{w.WebhookA}") with { Admin = 200 },
        ["GET /api/v1/webhooks/{id:guid}/deliveries"] = CompanyOnly(200, (w, _) => $"/api/v1/webhooks/{w.WebhookA}/deliveries") with { Admin = 200 },
        ["DELETE /api/v1/webhooks/{id:guid}"] = CompanyOnly(204, (w, c) => $"/api/v1/webhooks/{w.DisposableWebhooks[c]}"),
        ["POST /api/v1/match-reports/{id:guid}/review"] = AdminOnly(200, (w, _) => $"/api/v1/match-reports/{w.PendingReport}/review", (_, _) => new { decision = "approved" }),

        // Notes, saved searches and the funnel (issue 18): staff only, so companies never see notes. The recruiter owns the
        // saved search, so the admin is told it does not exist; the admin may delete anyone's note.
        ["GET /api/v1/professionals/{id:guid}/notes"] = StaffOnly(200, (w, _) => $"/api/v1/professionals/{w.Professional}/notes"),
        ["POST /api/v1/professionals/{id:guid}/notes"] = StaffOnly(201, (w, _) => $"/api/v1/professionals/{w.Professional}/notes", (_, _) => new { text = "Matrix note" }),
        ["DELETE /api/v1/professionals/{id:guid}/notes/{noteId:guid}"] = StaffOnly(204,
            (w, c) => $"/api/v1/professionals/{w.Professional}/notes/{w.DisposableNotes.GetValueOrDefault(c, w.Note)}"),
        ["GET /api/v1/saved-searches"] = StaffOnly(200, (_, _) => "/api/v1/saved-searches"),
        ["POST /api/v1/saved-searches"] = StaffOnly(201, (_, _) => "/api/v1/saved-searches", (_, _) => new { name = "Matrix", query = "q=engineer&country=BR" }),
        ["GET /api/v1/saved-searches/{id:guid}"] = StaffOnly(200, (w, _) => $"/api/v1/saved-searches/{w.SavedSearch}") with { Admin = 404 },
        ["DELETE /api/v1/saved-searches/{id:guid}"] = StaffOnly(204,
            (w, c) => $"/api/v1/saved-searches/{(c == Caller.Recruiter ? w.DisposableSavedSearch : w.SavedSearch)}") with
        { Admin = 404 },
        ["GET /api/v1/saved-searches/{id:guid}/new"] = StaffOnly(200, (w, _) => $"/api/v1/saved-searches/{w.SavedSearch}/new") with { Admin = 404 },
        ["POST /api/v1/saved-searches/{id:guid}/seen"] = StaffOnly(200, (w, _) => $"/api/v1/saved-searches/{w.SavedSearch}/seen",
            (_, _) => new { asOf = DateTimeOffset.UtcNow.AddMinutes(-1) }) with
        { Admin = 404 },
        ["GET /api/v1/projects/{id:guid}/representation"] = StaffOnly(200, (w, _) => $"/api/v1/projects/{w.ProjectA}/representation?top=5"),
        // Holidays and interviews (issue 17)
        ["GET /api/v1/holidays"] = Everyone(200, (_, _) => "/api/v1/holidays?country=US&year=2027"),
        ["POST /api/v1/holidays"] = AdminOnly(201, (_, _) => "/api/v1/holidays", (_, _) => new { country = "FR", date = "2030-01-02", name = "Matrix day" }),
        ["DELETE /api/v1/holidays/{id:guid}"] = AdminOnly(204, (w, _) => $"/api/v1/holidays/{w.Holiday}"),
        ["GET /api/v1/companies/{id:guid}/closures"] = AdminOrA(200, (w, _) => $"/api/v1/companies/{w.CompanyA}/closures"),
        ["POST /api/v1/companies/{id:guid}/closures"] = AdminOrA(201, (w, _) => $"/api/v1/companies/{w.CompanyA}/closures", (_, _) => new { from = "2031-08-04", name = "Matrix closure" }),
        ["DELETE /api/v1/companies/{id:guid}/closures/{closureId:guid}"] = AdminOrA(204,
            (w, c) => $"/api/v1/companies/{w.CompanyA}/closures/{w.DisposableClosures.GetValueOrDefault(c, w.SpareClosure)}"),
        ["GET /api/v1/projects/{id:guid}/candidates/{professionalId:guid}/interview-slots"] = OwnedByA(200,
            (w, _) => $"/api/v1/projects/{w.ProjectA}/candidates/{w.Professional}/interview-slots?from=2027-03-01&days=5"),
        ["POST /api/v1/projects/{id:guid}/interviews"] = OwnedByA(201, (w, _) => $"/api/v1/projects/{w.ProjectA}/interviews",
            (w, c) => new { professionalId = w.Professional, start = InterviewStart(c), minutes = 45 }),
        ["GET /api/v1/interviews/{id:guid}"] = OwnedByA(200, (w, _) => $"/api/v1/interviews/{w.Interview}"),
        ["DELETE /api/v1/interviews/{id:guid}"] = OwnedByA(204, (w, _) => $"/api/v1/interviews/{w.CancelledInterview}"),
        ["GET /api/v1/interviews/{id:guid}/calendar"] = OwnedByA(200, (w, _) => $"/api/v1/interviews/{w.Interview}/calendar"),
    };

    [Fact]
    public async Task Every_api_endpoint_answers_every_kind_of_caller_as_the_table_says_and_companies_never_see_others_data_or_professional_contact_and_rate()
    {
        var endpoints = DiscoverEndpoints();
        var undecided = endpoints.Except(Table.Keys).ToList();
        Assert.True(undecided.Count == 0, "Endpoints without an access decision in AccessMatrixTests.Table: " + string.Join(", ", undecided));
        var vanished = Table.Keys.Except(endpoints).ToList();
        Assert.True(vanished.Count == 0, "Table entries for endpoints that no longer exist: " + string.Join(", ", vanished));

        var world = await BuildWorldAsync();
        var clients = await ClientsAsync(world);
        var failures = new List<string>();
        try
        {
            foreach (var (endpoint, rule) in Table.OrderBy(e => e.Key.EndsWith("/logout-all", StringComparison.Ordinal)).ThenBy(e => e.Key, StringComparer.Ordinal))
            {
                var method = new HttpMethod(endpoint[..endpoint.IndexOf(' ', StringComparison.Ordinal)]);
                foreach (var caller in Enum.GetValues<Caller>())
                {
                    using var request = new HttpRequestMessage(method, rule.Url(world, caller));
                    if (rule.Body?.Invoke(world, caller) is { } body)
                    {
                        request.Content = body as HttpContent ?? JsonContent.Create(body, options: NearshoreApiFactory.Json);
                    }

                    using var response = await clients[caller].SendAsync(request);
                    var text = await response.Content.ReadAsStringAsync();
                    var expected = rule.Expected(caller);
                    if ((int)response.StatusCode != expected)
                    {
                        failures.Add($"{endpoint} as {caller}: expected {expected}, got {(int)response.StatusCode} {Shorten(text)}");
                    }

                    if (caller is Caller.CompanyA or Caller.CompanyB or Caller.RevokedKey or Caller.Anonymous)
                    {
                        failures.AddRange(Leaks(world, caller, response.IsSuccessStatusCode, text).Select(leak => $"{endpoint} as {caller}: {leak}"));
                    }
                }
            }
        }
        finally
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private List<string> DiscoverEndpoints()
    {
        var source = app.Services.GetRequiredService<EndpointDataSource>();
        var found = new List<string>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            if (!pattern.StartsWith("/api/v1", StringComparison.Ordinal) && pattern != "/metrics")
            {
                continue;
            }

            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            found.AddRange(methods.Select(m => $"{m} {pattern}"));
        }

        return found.Distinct().ToList();
    }

    private readonly Dictionary<Caller, string> _keys = [];

}
