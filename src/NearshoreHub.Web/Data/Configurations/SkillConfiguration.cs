using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class SkillConfiguration : IEntityTypeConfiguration<Skill>
{
    public void Configure(EntityTypeBuilder<Skill> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(80);
        builder.Property(s => s.Slug).HasMaxLength(80);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.HasIndex(s => s.Aliases).HasMethod("gin");
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasMany(s => s.Related).WithOne().HasForeignKey(r => r.SkillId).OnDelete(DeleteBehavior.Cascade);
    }
}
