using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using NearshoreHub.Web.Infrastructure;
using NodaTime;

namespace NearshoreHub.Web.Tests.Infrastructure;

/// <summary>
/// TimeZones:TzdbPath loads a NodaTime .nzd file at start (issue 17); the version in use shows on /health/ready. The file
/// here is written from the tzdb NodaTime embeds, so the test needs no download.
/// </summary>
public sealed class TimeZoneRulesTests(TimeZoneRulesTests.TzdbFileFactory app) : IClassFixture<TimeZoneRulesTests.TzdbFileFactory>
{
    public sealed class TzdbFileFactory : NearshoreApiFactory
    {
        public string Path { get; } = WriteEmbeddedTzdb();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("TimeZones:TzdbPath", Path);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            File.Delete(Path);
        }
    }

    internal static string WriteEmbeddedTzdb()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"nearshore-tzdb-{Guid.NewGuid():N}.nzd");
        using var embedded = typeof(DateTimeZoneProviders).Assembly.GetManifestResourceStream("NodaTime.TimeZones.Tzdb.nzd")
            ?? throw new InvalidOperationException("NodaTime no longer embeds NodaTime.TimeZones.Tzdb.nzd.");
        using var file = File.Create(path);
        embedded.CopyTo(file);
        return path;
    }

    [Fact]
    public async Task The_file_named_by_TzdbPath_is_loaded_and_its_version_shows_on_health_ready()
    {
        var rules = (TimeZoneRules)app.Services.GetService(typeof(TimeZoneRules))!;
        Assert.Equal(System.IO.Path.GetFullPath(app.Path), rules.Source);
        Assert.Equal(NodaTime.TimeZones.TzdbDateTimeZoneSource.Default.TzdbVersion, rules.Version);
        Assert.NotSame(DateTimeZoneProviders.Tzdb, rules.Provider);
        Assert.Equal(Offset.FromHours(-3), rules.Provider["America/Sao_Paulo"].GetUtcOffset(Instant.FromUtc(2027, 1, 15, 12, 0)));

        using var anonymous = app.Anonymous();
        Assert.Equal("Healthy", await (await anonymous.GetAsync("/health/ready")).Content.ReadAsStringAsync());
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/ready");
        request.Headers.Add("Accept", "application/json");
        var response = await anonymous.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var details = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var zones = details.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "time-zones");
        Assert.Equal(rules.Version, zones.GetProperty("data").GetProperty("tzdbVersion").GetString());
    }

    [Fact]
    public void A_file_that_is_not_a_tzdb_stops_the_start_with_the_setting_named()
    {
        var path = System.IO.Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a tzdb");
            var error = Assert.Throws<InvalidOperationException>(() => TimeZoneRules.FromFile(path));
            Assert.Contains("TimeZones:TzdbPath", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
