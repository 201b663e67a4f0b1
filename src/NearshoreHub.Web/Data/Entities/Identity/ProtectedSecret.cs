namespace NearshoreHub.Web.Data.Entities;

/// <summary>A secret the application keeps in PostgreSQL only in Data Protection's encrypted form.</summary>
public sealed class ProtectedSecret
{
    public required string Name { get; set; }
    public required string ProtectedValue { get; set; }
}
