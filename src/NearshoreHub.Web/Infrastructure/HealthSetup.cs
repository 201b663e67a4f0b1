using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Infrastructure;

public static class HealthSetup
{
    public static IServiceCollection AddNearshoreHealth(this IServiceCollection services)
    {
        services.AddSingleton<StartingHealth>();
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", tags: ["ready"])
            .AddCheck<CandidateIndexReadyCheck>("candidate-index", tags: ["ready"])
            .AddCheck<TimeZoneRulesCheck>("time-zones", tags: ["ready"])
            .AddCheck<ImportWarmUpReadyCheck>("import-warm-up", tags: ["ready"]);
        return services;
    }

    public static void MapNearshoreHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new() { Predicate = _ => false }).WithTags("Health");
        routes.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = WriteAsync }).WithTags("Health");
    }

    /// <summary>"Healthy" as text; with Accept: application/json, the details of every check (e.g. the tzdb version in use).</summary>
    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.RequestServices.GetRequiredService<StartingHealth>().Observe(report.Status);
        if (!context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "text/plain";
            return context.Response.WriteAsync(report.Status.ToString());
        }

        return context.Response.WriteAsJsonAsync(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data,
            }),
        });
    }
}

/// <summary>Ready means: PostgreSQL answers within 2 s and no migration is pending.</summary>
internal sealed class DatabaseReadyCheck(IServiceScopeFactory scopes) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(timeout.Token)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable; migrations applied.")
                : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) pending.");
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or OperationCanceledException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.");
        }
    }
}

/// <summary>
/// Ready also means the in-memory candidate index is built: search and matches answer from it, so an instance still
/// loading 2.2 million professionals (about 20 s) should not get traffic yet. Waits up to 2 s for a build in progress.
/// </summary>
internal sealed class CandidateIndexReadyCheck(CandidateIndexHost index) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!index.IsReady)
        {
            await Task.WhenAny(index.WhenReady, Task.Delay(TimeSpan.FromSeconds(2), cancellationToken));
        }

        return index.IsReady
            ? HealthCheckResult.Healthy($"Candidate index holds {index.Count} professionals.")
            : HealthCheckResult.Unhealthy("The candidate index is still being built.");
    }
}

/// <summary>
/// Ready also means the import has been warmed up (<see cref="ImportWarmUp"/>, at most a minute after the index is
/// built; immediately when it is turned off), so the first import after a start runs compiled code.
/// </summary>
internal sealed class ImportWarmUpReadyCheck(ImportWarmUp warmUp) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(warmUp.IsDone
            ? HealthCheckResult.Healthy($"Import warmed up ({warmUp.Rehearsals} rehearsals).")
            : HealthCheckResult.Unhealthy($"The import is being warmed up ({warmUp.Rehearsals} rehearsals so far)."));
}
