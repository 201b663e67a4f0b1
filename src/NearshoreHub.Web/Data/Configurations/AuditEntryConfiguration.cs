using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

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
