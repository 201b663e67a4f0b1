using System.Globalization;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// The search's filters without its paging: an export streams every match in id order, so a search's query string
/// (sort, offset and limit included) exports the whole result rather than being refused for a page size the export
/// never uses.
/// </summary>
[DocumentParametersLike(typeof(ProfessionalSearchParameters))]
public sealed record ProfessionalExportParameters(
    string? Q,
    string? Skills,
    string? Country,
    string? CitySize,
    string? Rural,
    string? MinEnglish,
    string? MaxRate,
    string? AvailableBy,
    string? OverlapZone,
    string? OverlapStart,
    string? OverlapEnd,
    string? MinOverlap,
    string? Status,
    string? NotSkills,
    string? NotCountry,
    string? NotCitySize,
    string? ExcludeShortlistedFor)
{
    public ProfessionalSearchParameters ToSearch() => new(
        Q, Skills, Country, CitySize, Rural, MinEnglish, MaxRate, AvailableBy, OverlapZone, OverlapStart, OverlapEnd, MinOverlap, Status,
        Sort: null, Offset: null, Limit: null,
        NotSkills: NotSkills, NotCountry: NotCountry, NotCitySize: NotCitySize, ExcludeShortlistedFor: ExcludeShortlistedFor);
}
