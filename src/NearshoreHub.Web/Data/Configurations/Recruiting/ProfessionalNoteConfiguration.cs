using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data.Configurations;

internal sealed class ProfessionalNoteConfiguration : IEntityTypeConfiguration<ProfessionalNote>
{
    public const int MaxTextLength = 4000;

    public void Configure(EntityTypeBuilder<ProfessionalNote> builder)
    {
        builder.Property(n => n.Text).HasMaxLength(MaxTextLength);
        builder.Property(n => n.AuthorName).HasMaxLength(256);
        // Erasing a professional takes their notes with them.
        builder.HasOne<Professional>().WithMany().HasForeignKey(n => n.ProfessionalId).OnDelete(DeleteBehavior.Cascade);
        // The candidate page and GET …/notes read one professional's notes newest first.
        builder.HasIndex(n => new { n.ProfessionalId, n.CreatedAt });
    }
}
