namespace NearshoreHub.Web.Infrastructure.Postgres;

public static class LocalPostgresHostingExtensions
{
    /// <summary>
    /// In Development with no <c>ConnectionStrings:Default</c>, starts the private PostgreSQL kept under
    /// the repository's <c>.data/postgres</c> (or <c>LocalPostgres:DataDirectory</c>) and points
    /// <c>ConnectionStrings:Default</c> at it. The server is stopped when the app stops.
    /// Returns null when a database is configured or outside Development.
    /// </summary>
    public static async Task<LocalPostgresCluster?> UseLocalPostgresWhenUnconfiguredAsync(
        this WebApplicationBuilder builder, ILogger? logger = null, CancellationToken ct = default)
    {
        if (!builder.Environment.IsDevelopment()
            || !string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString("Default")))
        {
            return null;
        }

        // Logging is not built yet at this point of startup, so default to a plain console logger.
        logger ??= LoggerFactory.Create(logging => logging.AddSimpleConsole()).CreateLogger<LocalPostgresCluster>();
        var dataDirectory = builder.Configuration["LocalPostgres:DataDirectory"]
            ?? Path.Combine(FindRepositoryRoot(builder.Environment.ContentRootPath), ".data", "postgres");
        var cluster = await LocalPostgresCluster.StartAsync(dataDirectory, logger: logger, ct: ct);
        builder.Configuration["ConnectionStrings:Default"] = cluster.ConnectionString;
        builder.Services.AddSingleton(cluster);
        builder.Services.AddHostedService<LocalPostgresShutdown>();
        return cluster;
    }

    private static string FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NearshoreHub.sln")))
            {
                return dir.FullName;
            }
        }

        return start;
    }
}

/// <summary>Stops the development PostgreSQL when the host shuts down gracefully.</summary>
internal sealed class LocalPostgresShutdown(LocalPostgresCluster cluster) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => cluster.DisposeAsync().AsTask();
}
