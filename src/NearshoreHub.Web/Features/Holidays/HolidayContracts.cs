using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Holidays;

public sealed record HolidayDto(Guid Id, string Country, DateOnly Date, string Name, bool Shipped);

public sealed record HolidayRequest(string? Country, DateOnly? Date, string? Name);

public sealed record HolidayListQuery : PageQuery
{
    /// <summary>ISO 3166-1 alpha-2 code, e.g. BR.</summary>
    public string? Country { get; init; }

    /// <summary>2024 to 2035.</summary>
    public int? Year { get; init; }
}

public sealed record ClosureDto(Guid Id, Guid CompanyId, DateOnly From, DateOnly To, string Name, DateTimeOffset CreatedAt);

public sealed record ClosureRequest(DateOnly? From, DateOnly? To, string? Name);

public sealed record ClosureListQuery : PageQuery;
