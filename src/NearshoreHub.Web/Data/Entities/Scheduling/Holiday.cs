namespace NearshoreHub.Web.Data.Entities;

/// <summary>
/// One public holiday of a country's calendar (product spec §9). A deleted day stays as a tombstone
/// (<see cref="DeletedAt"/> set) so the start-up loader never adds a shipped day back.
/// </summary>
public sealed class Holiday
{
    public Guid Id { get; set; }
    public required string Country { get; set; }
    public DateOnly Date { get; set; }
    public required string Name { get; set; }
    /// <summary>True for days that came with the product's calendars, false for days an admin added.</summary>
    public bool Shipped { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>A company's own closure period, e.g. a shutdown week: every date from <see cref="From"/> to <see cref="To"/>.</summary>
public sealed class CompanyClosure
{
    public Guid Id { get; set; }
    public Guid CompanyId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public required string Name { get; set; }
    public required string CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
