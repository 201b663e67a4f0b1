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

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.HasKey(r => new { r.Scope, r.Key });
        builder.Property(r => r.Scope).HasMaxLength(80);
        builder.Property(r => r.Key).HasMaxLength(200);
        builder.Property(r => r.RequestHash).HasMaxLength(64);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Actor).HasMaxLength(254);
        builder.Property(a => a.Action).HasMaxLength(80);
        builder.Property(a => a.Target).HasMaxLength(200);
        builder.Property(a => a.RemoteIp).HasMaxLength(64);
        builder.HasIndex(a => a.At);
    }
}
