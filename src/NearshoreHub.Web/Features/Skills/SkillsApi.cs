using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Skills;

public static class SkillsApi
{
    public static RouteGroupBuilder MapSkills(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/skills").WithTags("Skills").WithValidation();

        group.MapGet("/", List).WithName("ListSkills").WithSummary("Lists the skills catalogue.")
            .RequireAuthorization(Policies.StaffOrCompany);
        group.MapGet("/{slug}", Get).WithName("GetSkill").WithSummary("Reads one skill by slug, name or alias.")
            .RequireAuthorization(Policies.StaffOrCompany);
        group.MapPost("/", Create).WithName("CreateSkill").WithSummary("Adds a skill to the catalogue (admin).")
            .RequireAuthorization(Policies.Admin);
        group.MapPut("/{slug}", Update).WithName("UpdateSkill").WithSummary("Replaces a skill's name, category, aliases and related skills (admin).")
            .RequireAuthorization(Policies.Admin);
        return group;
    }

    private static Ok<PagedList<SkillDto>> List([AsParameters] SkillListQuery query, SkillCatalog catalog)
    {
        IEnumerable<SkillInfo> skills = catalog.All;
        if (!string.IsNullOrWhiteSpace(query.Q))
        {
            var q = SkillCatalog.Normalize(query.Q);
            skills = skills.Where(s => s.Name.Contains(q, StringComparison.OrdinalIgnoreCase) || s.Slug.Contains(q, StringComparison.Ordinal)
                || s.Aliases.Any(a => a.Contains(q, StringComparison.OrdinalIgnoreCase)));
        }

        if (query.Category is { } category)
        {
            skills = skills.Where(s => s.Category == category);
        }

        var matching = skills.ToList();
        var page = matching.Skip(query.OffsetOrDefault).Take(query.LimitOrDefault).Select(s => ToDto(s, catalog)).ToList();
        return TypedResults.Ok(new PagedList<SkillDto>(page, matching.Count));
    }

    private static async Task<Results<Ok<SkillDto>, NotFound>> Get([DocumentAs(typeof(string), MaxLength = 80, Description = "A skill's slug, name or alias.")] string slug, SkillCatalog catalog, NearshoreDbContext db, HttpContext http)
    {
        if (catalog.Resolve(slug) is not { } skill)
        {
            return TypedResults.NotFound();
        }

        var version = await db.Skills.Where(s => s.Id == skill.Id).Select(s => s.Version).SingleAsync(http.RequestAborted);
        ETags.Set(http, version);
        return TypedResults.Ok(ToDto(skill, catalog));
    }

    private static async Task<Created<SkillDto>> Create(
        SkillRequest request, NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock, HttpContext http, AuditLog audit)
    {
        var skill = await SkillWrites.CreateAsync(request, db, catalog, clock, audit, http);
        return TypedResults.Created($"/api/v1/skills/{skill.Slug}", ToDto(skill, catalog));
    }

    private static async Task<Results<Ok<SkillDto>, NotFound>> Update(
        [DocumentAs(typeof(string), MaxLength = 80, Description = "A skill's slug, name or alias.")] string slug, SkillRequest request, NearshoreDbContext db, SkillCatalog catalog, HttpContext http, AuditLog audit)
    {
        if (catalog.Resolve(slug) is not { } existing)
        {
            return TypedResults.NotFound();
        }

        var skill = await db.Skills.SingleAsync(s => s.Id == existing.Id, http.RequestAborted);
        ETags.CheckIfMatch(http, skill.Version);
        var clash = catalog.Resolve(request.Name);
        if (clash is not null && clash.Id != skill.Id)
        {
            throw new DuplicateException("Another skill already has this name or alias.");
        }

        EnsureAliasesFree(catalog, request.Aliases, skill.Id);

        skill.Name = request.Name!.Trim();
        skill.Category = request.Category!.Value;
        skill.Aliases = NormalizeAliases(request.Aliases);
        await using var tx = await db.Database.BeginTransactionAsync(http.RequestAborted);
        await db.SaveChangesAsync(http.RequestAborted);
        await ReplaceRelations(db, catalog, skill.Id, request.Related, http.RequestAborted);
        await tx.CommitAsync(http.RequestAborted);
        await audit.WriteAsync(http, "skill.update", skill.Slug);
        await catalog.ReloadAsync(http.RequestAborted);
        ETags.Set(http, await db.Skills.Where(s => s.Id == skill.Id).Select(s => s.Version).SingleAsync(http.RequestAborted));
        return TypedResults.Ok(ToDto(catalog.Get(skill.Id)!, catalog));
    }

    internal static async Task ReplaceRelations(NearshoreDbContext db, SkillCatalog catalog, int skillId, IReadOnlyList<RelatedSkillRequest>? related, CancellationToken ct)
    {
        await db.SkillRelations.Where(r => r.SkillId == skillId || r.RelatedSkillId == skillId).ExecuteDeleteAsync(ct);
        foreach (var relation in related ?? [])
        {
            var other = catalog.Resolve(relation.Skill)!;
            if (other.Id == skillId)
            {
                continue;
            }

            db.SkillRelations.Add(new SkillRelation { SkillId = skillId, RelatedSkillId = other.Id, Similarity = relation.Similarity });
            db.SkillRelations.Add(new SkillRelation { SkillId = other.Id, RelatedSkillId = skillId, Similarity = relation.Similarity });
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>An alias that already names another skill would be silently shadowed by it, so it is refused.</summary>
    internal static void EnsureAliasesFree(SkillCatalog catalog, IReadOnlyList<string>? aliases, int? self)
    {
        foreach (var alias in aliases ?? [])
        {
            if (catalog.Resolve(alias) is { } other && other.Id != self)
            {
                throw new DuplicateException($"The alias '{alias.Trim()}' already names the skill {other.Name}.");
            }
        }
    }

    internal static SkillDto ToDto(SkillInfo skill, SkillCatalog catalog) =>
        new(skill.Id, skill.Name, skill.Slug, skill.Category, skill.Aliases,
            catalog.RelatedTo(skill.Id)
                .Select(r => (Skill: catalog.Get(r.SkillId), r.Similarity))
                .Where(r => r.Skill is not null)
                .Select(r => new RelatedSkillDto(r.Skill!.Name, r.Skill.Slug, r.Similarity))
                .OrderByDescending(r => r.Similarity).ThenBy(r => r.Name, StringComparer.Ordinal)
                .ToList());

    internal static string Slugify(string name)
    {
        var chars = name.Trim().ToLowerInvariant()
            .Replace("#", "sharp", StringComparison.Ordinal).Replace("++", "pp", StringComparison.Ordinal).Replace(".", "dot", StringComparison.Ordinal)
            .Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        return string.Join('-', new string(chars).Split('-', StringSplitOptions.RemoveEmptyEntries));
    }

    internal static List<string> NormalizeAliases(IReadOnlyList<string>? aliases) =>
        (aliases ?? []).Select(SkillCatalog.Normalize).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
