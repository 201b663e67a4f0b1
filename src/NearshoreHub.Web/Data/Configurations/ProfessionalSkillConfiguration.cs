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
        builder.ToTable(t => t.HasCheckConstraint("ck_professional_skills_level", "level BETWEEN 1 AND 5 AND years BETWEEN 0 AND 60"));
    }
}
