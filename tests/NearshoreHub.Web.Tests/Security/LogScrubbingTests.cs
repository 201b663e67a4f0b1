using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Tests.Infrastructure;
using NearshoreHub.Web.Tests.Professionals;
using Serilog.Core;

namespace NearshoreHub.Web.Tests.Security;

/// <summary>The app with every Serilog event it writes captured, app code down to Debug (framework levels as shipped).</summary>
public sealed class LogCapturingApiFactory : NearshoreApiFactory
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Debug");
        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(Logs));
    }
}

/// <summary>
/// Personal data and secrets never reach the application logs: real flows carry unique marker values (emails, names,
/// rates, passwords, tokens, API keys) through sign-in, refresh, keys, professionals, search, import and failures, and
/// no captured event — message, template, properties or exception — may contain any of them.
/// </summary>
public sealed class LogScrubbingTests(LogCapturingApiFactory app) : IClassFixture<LogCapturingApiFactory>
{
    private readonly string _m = Guid.NewGuid().ToString("N")[..10];
    private readonly Dictionary<string, string> _markers = [];

    private string Marker(string what, string value)
    {
        _markers[what] = value;
        return value;
    }

    [Fact]
    public async Task Personal_data_passwords_tokens_and_api_keys_never_appear_in_any_log_event()
    {
        using var admin = await app.AdminAsync();
        _markers["admin password"] = NearshoreApiFactory.AdminPassword;

        // Staff sign-in: right and wrong passwords, unknown accounts, refresh tokens, bearer tokens.
        var userEmail = Marker("staff email", $"scrub.user.{_m}@tests.nearshorehub.local");
        var userPassword = Marker("staff password", $"Scrub-Pass-{_m}");
        await Expect(HttpStatusCode.Created, admin.PostAsJsonAsync("/api/v1/users",
            new { email = userEmail, password = userPassword, displayName = Marker("staff name", $"Scrubname{_m}"), role = "Recruiter" }));
        using var anonymous = app.Anonymous();
        await Expect(HttpStatusCode.Unauthorized, anonymous.PostAsJsonAsync("/api/v1/auth/login",
            new { email = userEmail, password = Marker("wrong password", $"Wrong-Pass-{_m}") }));
        await Expect(HttpStatusCode.Unauthorized, anonymous.PostAsJsonAsync("/api/v1/auth/login",
            new { email = Marker("unknown email", $"scrub.nobody.{_m}@example.com"), password = Marker("unknown's password", $"Guess-{_m}") }));
        var tokens = await Json(HttpStatusCode.OK, anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = userEmail, password = userPassword }));
        var access = Marker("access token", tokens.GetProperty("accessToken").GetString()!);
        var refresh = Marker("refresh token", tokens.GetProperty("refreshToken").GetString()!);
        var refreshed = await Json(HttpStatusCode.OK, anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = refresh }));
        Marker("refreshed access token", refreshed.GetProperty("accessToken").GetString()!);
        Marker("refreshed refresh token", refreshed.GetProperty("refreshToken").GetString()!);
        await Expect(HttpStatusCode.Unauthorized, anonymous.PostAsJsonAsync("/api/v1/auth/refresh", new { refreshToken = Marker("forged refresh token", $"forged-refresh-{_m}") }));
        using var recruiter = app.Anonymous();
        recruiter.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        await Expect(HttpStatusCode.OK, recruiter.GetAsync("/api/v1/professionals?limit=1"));
        using var forged = app.Anonymous();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Marker("forged bearer", $"forged-bearer-{_m}"));
        await Expect(HttpStatusCode.Unauthorized, forged.GetAsync("/api/v1/professionals?limit=1"));

        // API keys: issued, used, used with a wrong secret, revoked and used again.
        var (companyId, key, keyId) = await app.CreateCompanyWithKeyAsync($"Scrub Co {_m}");
        Marker("api key", key);
        Marker("api key secret", key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..]);
        using (var company = app.WithApiKey(key))
        {
            await Expect(HttpStatusCode.OK, company.GetAsync("/api/v1/projects"));
        }

        using (var wrongSecret = app.WithApiKey(key[..(key.IndexOf('.', StringComparison.Ordinal) + 1)] + Marker("wrong key secret", $"WrongSecret{_m}")))
        {
            await Expect(HttpStatusCode.Unauthorized, wrongSecret.GetAsync("/api/v1/projects"));
        }

        await Expect(HttpStatusCode.NoContent, admin.DeleteAsync($"/api/v1/companies/{companyId}/api-keys/{keyId}"));
        using (var revoked = app.WithApiKey(key))
        {
            await Expect(HttpStatusCode.Unauthorized, revoked.GetAsync("/api/v1/projects"));
        }

        // Professionals: created, updated, duplicated, searched for by email, refused with the bad values echoed back.
        var email = Marker("professional email", $"scrub.pro.{_m}@example.com");
        var professional = Samples.Professional(email);
        professional["fullName"] = Marker("professional name", $"Qzmarker{_m} Vexlund");
        professional["hourlyRateUsd"] = decimal.Parse(Marker("professional rate", "173.29"), System.Globalization.CultureInfo.InvariantCulture);
        var created = await Json(HttpStatusCode.Created, admin.PostAsJsonAsync("/api/v1/professionals", professional, NearshoreApiFactory.Json));
        var id = created.GetProperty("id").GetGuid();
        await Expect(HttpStatusCode.Conflict, admin.PostAsJsonAsync("/api/v1/professionals", professional, NearshoreApiFactory.Json));
        professional["email"] = Marker("professional new email", $"scrub.pro.new.{_m}@example.com");
        professional["hourlyRateUsd"] = decimal.Parse(Marker("professional new rate", "168.47"), System.Globalization.CultureInfo.InvariantCulture);
        await Expect(HttpStatusCode.OK, admin.PutAsJsonAsync($"/api/v1/professionals/{id}", professional, NearshoreApiFactory.Json));
        var invalid = Samples.Professional(Marker("invalid email", $"not-an-email-{_m}"));
        await Expect(HttpStatusCode.BadRequest, admin.PostAsJsonAsync("/api/v1/professionals", invalid, NearshoreApiFactory.Json));
        var wrongDate = Samples.Professional();
        wrongDate["availableFrom"] = Marker("email typed into a date", $"date.{_m}@example.com");
        await Expect(HttpStatusCode.BadRequest, admin.PostAsJsonAsync("/api/v1/professionals", wrongDate, NearshoreApiFactory.Json));
        var wrongType = Samples.Professional();
        wrongType["hoursPerWeek"] = Marker("email typed into a number", $"hours.{_m}@example.com");
        await Expect(HttpStatusCode.BadRequest, admin.PostAsJsonAsync("/api/v1/professionals", wrongType, NearshoreApiFactory.Json));
        var queryEmail = Uri.EscapeDataString(email);
        await Expect(HttpStatusCode.OK, admin.GetAsync($"/api/v1/professionals?q={queryEmail}&email={queryEmail}"));
        await Expect(HttpStatusCode.BadRequest, admin.GetAsync($"/api/v1/companies?limit={queryEmail}"));

        // Import: one good row and, atomically refused, a file with one bad row; both carry markers.
        var good = ProfessionalCsvFiles.Row(Marker("imported email", $"scrub.import.{_m}@example.com"))
            .With("fullName", Marker("imported name", $"Imzmarker{_m} Trovask"))
            .With("hourlyRateUsd", Marker("imported rate", "181.47"));
        await Expect(HttpStatusCode.OK, admin.PostAsync("/api/v1/professionals/import", Csv(ProfessionalCsvFiles.File(good))));
        var bad = ProfessionalCsvFiles.Row(Marker("refused import email", $"not-an-email-import-{_m}"))
            .With("fullName", Marker("refused import name", $"Badzmarker{_m} Orlequin"));
        await Expect(HttpStatusCode.UnprocessableEntity, admin.PostAsync("/api/v1/professionals/import", Csv(ProfessionalCsvFiles.File(bad))));

        var events = app.Logs.Events.ToList();
        // The capture itself must work, or an empty log would pass: the request log of this test's own calls is there.
        Assert.Contains(events, e => e.MessageTemplate.Text.StartsWith("HTTP ", StringComparison.Ordinal)
            && e.Properties.TryGetValue("RequestPath", out var path) && path.ToString() == "\"/api/v1/professionals/import\"");
        var leaks = (from e in events
                     let text = CapturedLogs.Text(e)
                     from marker in _markers
                     where Appears(marker.Value, text)
                     select $"{marker.Key} in [{e.Level}] {Shorten(text)}").Distinct().ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} leak(s) in {events.Count} log events:{Environment.NewLine}" + string.Join(Environment.NewLine, leaks));
    }

    // Found by the test above: the request log sat inside the exception handler, so a refused query value reached the
    // log inside the binding exception's message, and the request was logged as a 500 although the client got a 400.
    [Fact]
    public async Task A_refused_query_value_is_logged_neither_in_an_exception_nor_as_a_500()
    {
        using var admin = await app.AdminAsync();
        var value = $"refused.{_m}@example.com";

        var correlation = Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/companies?limit={Uri.EscapeDataString(value)}");
        request.Headers.Add("X-Correlation-Id", correlation);
        await Expect(HttpStatusCode.BadRequest, admin.SendAsync(request));

        var requestLog = Assert.Single(app.Logs.Events, e => e.Properties.TryGetValue("CorrelationId", out var id) && id.ToString() == $"\"{correlation}\""
            && e.Properties.ContainsKey("StatusCode"));
        Assert.Equal("400", requestLog.Properties["StatusCode"].ToString());
        Assert.Null(requestLog.Exception);
        Assert.DoesNotContain(app.Logs.Events, e => CapturedLogs.Text(e).Contains(value, StringComparison.Ordinal));
    }

    // A rate is matched as a whole number (not inside "173.2934 ms", a request's duration); everything else as text.
    private static bool Appears(string marker, string text) =>
        char.IsAsciiDigit(marker[0])
            ? System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\d.]){System.Text.RegularExpressions.Regex.Escape(marker)}(?![\d])")
            : text.Contains(marker, StringComparison.OrdinalIgnoreCase);

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");

    private static async Task Expect(HttpStatusCode status, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.StatusCode == status,
            $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> Json(HttpStatusCode status, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Shorten(string text) => (text.Length > 400 ? text[..400] + "…" : text).Replace('\n', ' ');
}
