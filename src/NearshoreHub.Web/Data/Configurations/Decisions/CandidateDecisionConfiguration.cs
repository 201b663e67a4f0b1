using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class CandidateDecisionConfiguration : IEntityTypeConfiguration<CandidateDecision>
{
    public void Configure(EntityTypeBuilder<CandidateDecision> builder)
    {
        builder.Property(d => d.Decision).HasConversion<string>().HasMaxLength(16);
        builder.Property(d => d.Reason).HasMaxLength(2000);
        builder.HasIndex(d => new { d.ProjectId, d.DecidedAt });
        builder.HasIndex(d => d.ProfessionalId);
        builder.HasOne<MatchReport>().WithMany().HasForeignKey(d => d.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Project>().WithMany().HasForeignKey(d => d.ProjectId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Professional>().WithMany().HasForeignKey(d => d.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
    }
}
