namespace NearshoreHub.Web.Data.Entities;

public sealed class Company
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string TimeZone { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
    public List<ApiKey> ApiKeys { get; set; } = [];
}

public sealed class ApiKey
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public required string Name { get; set; }
    /// <summary>The visible start of the key, used to find the row; the rest is only ever stored hashed.</summary>
    public required string Prefix { get; set; }
    public required byte[] KeyHash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public Company? Company { get; set; }
}
