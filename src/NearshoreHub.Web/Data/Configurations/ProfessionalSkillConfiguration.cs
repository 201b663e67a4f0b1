using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class ProfessionalSkillConfiguration : IEntityTypeConfiguration<ProfessionalSkill>
{
    public void Configure(EntityTypeBuilder<ProfessionalSkill> builder)
    {
        builder.HasKey(s => new { s.ProfessionalId, s.SkillId });
        builder.HasOne(s => s.Skill).WithMany().HasForeignKey(s => s.SkillId).OnDelete(DeleteBehavior.Restrict);
        // The foreign key gets a BRIN index instead of the B-tree EF would add for it: nothing reads skill_id through an
        // index (search, export and ranking read the in-memory candidate index; skills are never deleted), and the B-tree
        // cost an import about 0.7 s per 100,000 professionals (measured in psql at 2.5 M), a BRIN index next to nothing.
        builder.HasIndex(s => s.SkillId).HasMethod("brin");
        // A fifth of each page is left free when rows are written, so that a changed level or years is rewritten on the
        // page that holds it (a HOT update: no new entry in either index, about half the WAL). The import's skill-row
        // statement for one changed skill of 16,384 professionals took about a third less time; writing new rows costs
        // the same, and the table takes a quarter more pages (docs/benchmarks.md, "skill rows rewritten in place";
        // tests/NearshoreHub.Benchmarks/Compare/skill-rows-in-place.sh).
        builder.HasStorageParameter("fillfactor", 80);
        builder.ToTable(t => t.HasCheckConstraint("ck_professional_skills_level", "level BETWEEN 1 AND 5 AND years BETWEEN 0 AND 60"));
    }
}
