using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class ProjectConfiguration : IEntityTypeConfiguration<Project>
{
    public void Configure(EntityTypeBuilder<Project> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(200);
        builder.Property(p => p.Description).HasMaxLength(5000);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.Property(p => p.BudgetMinUsd).HasPrecision(10, 2);
        builder.Property(p => p.BudgetMaxUsd).HasPrecision(10, 2);
        builder.Property(p => p.Version).IsRowVersion();
        builder.HasIndex(p => p.CompanyId);
        builder.HasOne(p => p.Company).WithMany().HasForeignKey(p => p.CompanyId).OnDelete(DeleteBehavior.Restrict);
        builder.OwnsOne(p => p.Weights, w => w.ToJson("weights"));
        builder.HasMany(p => p.Skills).WithOne().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_projects_hours", "core_start < core_end");
            t.HasCheckConstraint("ck_projects_duration", "duration_weeks BETWEEN 1 AND 104");
        });
    }
}
