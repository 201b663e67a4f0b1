using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Seed;

/// <summary>
/// Ships the skills catalogue with the product: adds every shipped skill (and relation) whose slug is not
/// in the database yet. Admin edits to existing skills are never overwritten.
/// </summary>
public static class SkillCatalogSeeder
{
    private sealed record ShippedSkill(string Name, string Slug, string Category, List<string>? Aliases);

    private sealed record ShippedRelation(string A, string B, double Similarity);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string ReferenceFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", "Reference", name);

    public static async Task<int> SeedAsync(NearshoreDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var shipped = JsonSerializer.Deserialize<List<ShippedSkill>>(await File.ReadAllTextAsync(ReferenceFile("skills.json"), ct), Json)!;
        var relations = JsonSerializer.Deserialize<List<ShippedRelation>>(await File.ReadAllTextAsync(ReferenceFile("skill-relations.json"), ct), Json)!;

        var existing = await db.Skills.AsNoTracking().Select(s => new { s.Slug, s.Name, s.Aliases }).ToListAsync(ct);
        var taken = new HashSet<string>(existing.SelectMany(s => s.Aliases.Append(s.Slug).Append(s.Name)).Select(t => t.ToLowerInvariant()), StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        var added = 0;
        foreach (var skill in shipped)
        {
            if (taken.Contains(skill.Slug) || taken.Contains(skill.Name.ToLowerInvariant()))
            {
                continue;
            }

            var aliases = (skill.Aliases ?? []).Select(a => a.ToLowerInvariant()).Where(a => !taken.Contains(a)).Distinct().ToList();
            db.Skills.Add(new Skill
            {
                Name = skill.Name,
                Slug = skill.Slug,
                Category = Enum.Parse<SkillCategory>(skill.Category, ignoreCase: true),
                Aliases = aliases,
                CreatedAt = now,
            });
            taken.Add(skill.Slug);
            taken.Add(skill.Name.ToLowerInvariant());
            taken.UnionWith(aliases);
            added++;
        }

        if (added == 0)
        {
            return 0;
        }

        await db.SaveChangesAsync(ct);
        var ids = await db.Skills.AsNoTracking().ToDictionaryAsync(s => s.Slug, s => s.Id, ct);
        var known = await db.SkillRelations.AsNoTracking().Select(r => new { r.SkillId, r.RelatedSkillId }).ToListAsync(ct);
        var pairs = new HashSet<(int, int)>(known.Select(k => (k.SkillId, k.RelatedSkillId)));
        db.ChangeTracker.Clear();
        foreach (var relation in relations)
        {
            if (!ids.TryGetValue(relation.A, out var a) || !ids.TryGetValue(relation.B, out var b) || a == b)
            {
                continue;
            }

            if (pairs.Add((a, b)))
            {
                db.SkillRelations.Add(new SkillRelation { SkillId = a, RelatedSkillId = b, Similarity = relation.Similarity });
            }

            if (pairs.Add((b, a)))
            {
                db.SkillRelations.Add(new SkillRelation { SkillId = b, RelatedSkillId = a, Similarity = relation.Similarity });
            }
        }

        await db.SaveChangesAsync(ct);
        return added;
    }
}
