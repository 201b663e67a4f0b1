using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class CompanyClosureConfiguration : IEntityTypeConfiguration<CompanyClosure>
{
    public void Configure(EntityTypeBuilder<CompanyClosure> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.CreatedBy).HasMaxLength(254);
        builder.HasIndex(c => new { c.CompanyId, c.From });
        builder.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(t => t.HasCheckConstraint("ck_company_closures_range", "\"from\" <= \"to\""));
    }
}
