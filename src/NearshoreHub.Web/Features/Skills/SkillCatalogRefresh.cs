namespace NearshoreHub.Web.Features.Skills;

/// <summary>
/// The one place the skills catalogue is kept current for requests: before any endpoint or page runs, a catalogue
/// older than its refresh interval is reloaded, so validators, the search, the import and the export all see skills
/// added through other instances. (Catalogue edits through this instance reload it at once; the first load is at start.)
/// </summary>
public static class SkillCatalogRefresh
{
    public static IApplicationBuilder UseSkillCatalogRefresh(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            // Probes and scrapes never need skills, and must answer even while the database does not.
            if (!context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(Infrastructure.Metrics.Path))
            {
                await context.RequestServices.GetRequiredService<SkillCatalog>().EnsureFreshAsync(context.RequestAborted);
            }

            await next(context);
        });

    /// <summary>The first load, at start, once migrations and the shipped skills are in.</summary>
    public static Task LoadSkillCatalogAsync(this WebApplication app) =>
        app.Services.GetRequiredService<SkillCatalog>().ReloadAsync();
}
