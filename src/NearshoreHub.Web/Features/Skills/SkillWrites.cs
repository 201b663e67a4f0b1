using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Features.Skills;

/// <summary>Adding a skill, shared by the skills API and the admin pages.</summary>
internal static class SkillWrites
{
    /// <summary>
    /// Adds a skill that passed <see cref="SkillRequestValidator"/> and reloads the catalogue. Throws
    /// <see cref="DuplicateException"/> when its name, slug or an alias already names a skill.
    /// </summary>
    public static async Task<SkillInfo> CreateAsync(SkillRequest request, NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock, AuditLog audit, HttpContext http)
    {
        var slug = request.Slug ?? SkillsApi.Slugify(request.Name!);
        if (catalog.Resolve(request.Name) is not null || catalog.Resolve(slug) is not null)
        {
            throw new DuplicateException("A skill with this name or slug already exists.");
        }

        SkillsApi.EnsureAliasesFree(catalog, request.Aliases, null);

        var skill = new Skill
        {
            Name = request.Name!.Trim(),
            Slug = slug,
            Category = request.Category!.Value,
            Aliases = SkillsApi.NormalizeAliases(request.Aliases),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Skills.Add(skill);
        await db.SaveChangesAsync(http.RequestAborted);
        await SkillsApi.ReplaceRelations(db, catalog, skill.Id, request.Related, http.RequestAborted);
        await audit.WriteAsync(http, "skill.create", skill.Slug);
        await catalog.ReloadAsync(http.RequestAborted);
        return catalog.Get(skill.Id)!;
    }
}
