using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class HolidayConfiguration : IEntityTypeConfiguration<Holiday>
{
    public void Configure(EntityTypeBuilder<Holiday> builder)
    {
        builder.Property(h => h.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(h => h.Name).HasMaxLength(200);
        // One row per country and date, tombstones included: a deleted shipped day keeps its row.
        builder.HasIndex(h => new { h.Country, h.Date }).IsUnique();
    }
}
