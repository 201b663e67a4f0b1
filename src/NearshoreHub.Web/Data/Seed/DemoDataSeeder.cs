namespace NearshoreHub.Web.Data.Seed;

/// <summary>Demo data: realistic professionals from real Latin American cities, companies and projects.</summary>
public static class DemoDataSeeder
{
    public static Task RunAsync(IServiceProvider services, int professionals, int companies, CancellationToken ct)
    {
        _ = services;
        _ = ct;
        throw new NotSupportedException($"Seeding {professionals} professionals and {companies} companies is not built yet.");
    }
}
