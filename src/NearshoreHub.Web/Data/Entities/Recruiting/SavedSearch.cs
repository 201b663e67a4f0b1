namespace NearshoreHub.Web.Data.Entities;

/// <summary>
/// A recruiter's own saved search (product spec §13): the search's query string without paging or order, and the
/// instant up to which its matches count as seen.
/// </summary>
public sealed class SavedSearch
{
    public Guid Id { get; set; }
    public Guid OwnerId { get; set; }
    public required string Name { get; set; }
    public required string Query { get; set; }
    public DateTimeOffset SeenAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
