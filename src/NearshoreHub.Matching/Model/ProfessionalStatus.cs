namespace NearshoreHub.Matching;

/// <summary>Whether a professional can be proposed: only <see cref="Active"/> people rank. PostgreSQL stores the name.</summary>
public enum ProfessionalStatus
{
    Active,
    Placed,
    Inactive,
}
