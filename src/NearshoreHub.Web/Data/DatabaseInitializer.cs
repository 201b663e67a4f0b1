using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Data.Seed;

namespace NearshoreHub.Web.Data;

public sealed class BootstrapOptions
{
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
}

/// <summary>
/// What happens to the database at start: migrations (unless Database:MigrateOnStartup is false), the
/// shipped skills catalogue and holiday calendars, the roles and the bootstrap admin. Nothing else is created here.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
        await db.Database.MigrateAsync(ct);
    }

    public static async Task InitializeAsync(IServiceProvider services, CancellationToken ct = default)
    {
        using var scope = services.CreateScope();
        var provider = scope.ServiceProvider;
        var configuration = provider.GetRequiredService<IConfiguration>();
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        var db = provider.GetRequiredService<NearshoreDbContext>();

        if (configuration.GetValue("Database:MigrateOnStartup", true))
        {
            await db.Database.MigrateAsync(ct);
        }

        var added = await SkillCatalogSeeder.SeedAsync(db, provider.GetRequiredService<TimeProvider>(), ct);
        if (added > 0)
        {
            logger.LogInformation("Skills catalogue: added {Count} shipped skills", added);
        }

        // Holidays (issue 17)
        var holidays = await HolidaySeeder.SeedAsync(db, provider.GetRequiredService<TimeProvider>(), ct);
        if (holidays > 0)
        {
            logger.LogInformation("Holiday calendars: added {Count} shipped days", holidays);
        }
        await EnsureRolesAndAdminAsync(provider, configuration, logger);
    }

    private static async Task EnsureRolesAndAdminAsync(IServiceProvider provider, IConfiguration configuration, ILogger logger)
    {
        var roles = provider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole<Guid>(role));
            }
        }

        var options = configuration.GetSection("Bootstrap").Get<BootstrapOptions>() ?? new BootstrapOptions();
        var users = provider.GetRequiredService<UserManager<AppUser>>();
        if (string.IsNullOrWhiteSpace(options.AdminEmail) || string.IsNullOrEmpty(options.AdminPassword)
            || (await users.GetUsersInRoleAsync(Roles.Admin)).Count > 0)
        {
            return;
        }

        var admin = new AppUser
        {
            UserName = options.AdminEmail,
            Email = options.AdminEmail,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = provider.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var created = await users.CreateAsync(admin, options.AdminPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException("Bootstrap admin could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Admin);
        logger.LogInformation("Bootstrap admin created");
    }
}
