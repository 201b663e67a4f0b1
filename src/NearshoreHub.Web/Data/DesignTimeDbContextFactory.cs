using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NearshoreHub.Web.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the app (or its private PostgreSQL).</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<NearshoreDbContext>
{
    public NearshoreDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<NearshoreDbContext>()
            .UseNpgsql("Host=localhost;Database=nearshorehub_design")
            .UseSnakeCaseNamingConvention()
            .Options);
}
