using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class SkillRelationConfiguration : IEntityTypeConfiguration<SkillRelation>
{
    public void Configure(EntityTypeBuilder<SkillRelation> builder)
    {
        builder.HasKey(r => new { r.SkillId, r.RelatedSkillId });
        builder.HasOne(r => r.RelatedSkill).WithMany().HasForeignKey(r => r.RelatedSkillId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_skill_relations_similarity", "similarity > 0 AND similarity < 1"));
    }
}
