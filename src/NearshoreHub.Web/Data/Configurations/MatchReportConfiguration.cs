using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class MatchReportConfiguration : IEntityTypeConfiguration<MatchReport>
{
    public void Configure(EntityTypeBuilder<MatchReport> builder)
    {
        builder.Property(r => r.CreatedBy).HasMaxLength(254);
        builder.Property(r => r.AlgorithmVersion).HasMaxLength(32);
        builder.Property(r => r.Snapshot).HasColumnType("jsonb");
        builder.Property(r => r.ReviewedBy).HasMaxLength(254);
        builder.Property(r => r.ReviewNotes).HasMaxLength(2000);
        builder.Property(r => r.Version).IsRowVersion();
        builder.HasIndex(r => new { r.ProjectId, r.CreatedAt });
        builder.HasIndex(r => new { r.ReviewStatus, r.CreatedAt });
        builder.HasOne<Project>().WithMany().HasForeignKey(r => r.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}
