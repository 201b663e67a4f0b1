using NodaTime;
using NodaTime.TimeZones;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// The IANA time-zone rules in use: NodaTime's embedded tzdb, or a newer NodaTime <c>.nzd</c> file named by
/// <c>TimeZones:TzdbPath</c>, so a government's short-notice rule change needs no release.
/// </summary>
public sealed class TimeZoneRules
{
    private TimeZoneRules(IDateTimeZoneProvider provider, string version, string source)
    {
        Provider = provider;
        Version = version;
        Source = source;
    }

    public IDateTimeZoneProvider Provider { get; }

    /// <summary>The tzdb release, e.g. "2026f".</summary>
    public string Version { get; }

    /// <summary>"embedded" or the path of the file loaded.</summary>
    public string Source { get; }

    public static TimeZoneRules Embedded { get; } =
        new(DateTimeZoneProviders.Tzdb, TzdbDateTimeZoneSource.Default.TzdbVersion, "embedded");

    /// <summary>The file named by TimeZones:TzdbPath, else the embedded rules. A file that cannot be read stops the start.</summary>
    public static TimeZoneRules FromConfiguration(IConfiguration configuration)
    {
        var path = configuration["TimeZones:TzdbPath"];
        return string.IsNullOrWhiteSpace(path) ? Embedded : FromFile(path);
    }

    public static TimeZoneRules FromFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            var source = TzdbDateTimeZoneSource.FromStream(stream);
            source.Validate();
            return new TimeZoneRules(new DateTimeZoneCache(source), source.TzdbVersion, Path.GetFullPath(path));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NodaTime.Utility.InvalidNodaDataException or InvalidOperationException)
        {
            throw new InvalidOperationException($"TimeZones:TzdbPath: '{path}' is not a readable NodaTime tzdb (.nzd) file: {ex.Message}", ex);
        }
    }
}

/// <summary>Shows on /health/ready which tzdb release the product computes with.</summary>
internal sealed class TimeZoneRulesCheck(TimeZoneRules rules) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy(
            $"tzdb {rules.Version} ({rules.Source})",
            new Dictionary<string, object> { ["tzdbVersion"] = rules.Version, ["source"] = rules.Source }));
}
