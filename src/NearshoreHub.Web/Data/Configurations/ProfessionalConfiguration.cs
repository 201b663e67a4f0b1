using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class ProfessionalConfiguration : IEntityTypeConfiguration<Professional>
{
    public void Configure(EntityTypeBuilder<Professional> builder)
    {
        builder.Property(p => p.FullName).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.NormalizedEmail).HasMaxLength(254);
        builder.HasIndex(p => p.NormalizedEmail).IsUnique();
        builder.Property(p => p.Headline).HasMaxLength(300);
        builder.Property(p => p.Country).HasMaxLength(2).IsFixedLength();
        builder.Property(p => p.City).HasMaxLength(120);
        builder.Property(p => p.TimeZone).HasMaxLength(64);
        builder.Property(p => p.HourlyRateUsd).HasPrecision(10, 2);
        builder.Property(p => p.Version).IsRowVersion();
        builder.Property(p => p.SearchText)
            .HasComputedColumnSql("lower(f_unaccent(full_name || ' ' || headline || ' ' || city))", stored: true);
        builder.Property(p => p.CitySize).HasMaxLength(5)
            .HasComputedColumnSql("CASE WHEN city_population >= 1000000 THEN 'metro' WHEN city_population >= 100000 THEN 'city' ELSE 'town' END", stored: true);
        // Search, export and ranking filter and order in the in-memory candidate index, so beyond its keys the table has
        // no index: each would cost every import row and serve no read (migration WritesOverReads).
        builder.Property(p => p.ImportHash).HasMaxLength(ProfessionalImportHash.Length);
        builder.HasMany(p => p.Skills).WithOne().HasForeignKey(s => s.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("ck_professionals_hours", "work_start < work_end");
            t.HasCheckConstraint("ck_professionals_rate", "hourly_rate_usd >= 0");
            t.HasCheckConstraint("ck_professionals_population", "city_population >= 0");
        });
    }
}
