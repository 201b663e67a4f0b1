namespace NearshoreHub.Web.Data.Entities;

/// <summary>A recruiter's note on a professional (product spec §13). Staff only: companies never see notes.</summary>
public sealed class ProfessionalNote
{
    public Guid Id { get; set; }
    public Guid ProfessionalId { get; set; }

    /// <summary>The staff user who wrote it; only they or an admin may delete it.</summary>
    public Guid AuthorId { get; set; }

    /// <summary>The author's name as shown beside the note (display name, else email), kept when the user is removed.</summary>
    public required string AuthorName { get; set; }

    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
