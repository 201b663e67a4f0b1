using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class ShortlistEntryConfiguration : IEntityTypeConfiguration<ShortlistEntry>
{
    public void Configure(EntityTypeBuilder<ShortlistEntry> builder)
    {
        builder.HasKey(s => new { s.ProjectId, s.ProfessionalId });
        builder.Property(s => s.Notes).HasMaxLength(2000);
        builder.Property(s => s.AddedBy).HasMaxLength(254);
        builder.Property(s => s.UpdatedBy).HasMaxLength(254);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasOne<Project>().WithMany().HasForeignKey(s => s.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Professional>().WithMany().HasForeignKey(s => s.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
    }
}
