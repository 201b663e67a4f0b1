using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Features.SavedSearches;

/// <summary>
/// What is new to a saved search: the professionals who match it now and whose last create, update or import that
/// changed a field (their <c>updated_at</c>; an import leaves unchanged rows alone) is after its <c>seenAt</c>. Deleted
/// people match nothing. The candidate index answers, reading only the people changed since the oldest seenAt asked about.
/// </summary>
public sealed class SavedSearchNews(ProfessionalSearch search, SkillCatalog catalog, TimeProvider clock)
{
    /// <summary>The stored query parsed again (it parsed when saved), restricted to changes after seenAt.</summary>
    public ProfessionalSearchQuery? QueryFor(SavedSearch saved)
    {
        var (_, query) = SavedSearchQueryString.Parse(saved.Query, catalog, out var errors);
        return errors.Count > 0 ? null : query with { ChangedAfter = saved.SeenAt };
    }

    public async Task<int[]> CountAsync(IReadOnlyList<SavedSearch> searches, CancellationToken ct)
    {
        var queries = searches.Select(QueryFor).ToList();
        var parsed = queries.Where(q => q is not null).Select(q => q!).ToList();
        var counts = parsed.Count == 0 ? [] : await search.CountAsync(parsed, ct);
        var result = new int[searches.Count];
        for (int i = 0, next = 0; i < queries.Count; i++)
        {
            result[i] = queries[i] is null ? 0 : counts[next++];
        }

        return result;
    }

    /// <summary>One page of the new matches, most recently changed first; <c>asOf</c> is read before the search.</summary>
    public async Task<NewMatchesDto> PageAsync(SavedSearch saved, int offset, int limit, CancellationToken ct)
    {
        var asOf = Now();
        if (QueryFor(saved) is not { } query)
        {
            return new NewMatchesDto([], 0, asOf);
        }

        var page = await search.SearchAsync(query with { Sort = SearchSort.UpdatedAtDescending, Offset = offset, Limit = limit }, ct);
        return new NewMatchesDto(page.Items, page.Total, asOf);
    }

    /// <summary>Now, to the microsecond PostgreSQL keeps, so an asOf sent back names exactly the instant it was read.</summary>
    public DateTimeOffset Now()
    {
        var now = clock.GetUtcNow();
        return new DateTimeOffset(now.UtcTicks - (now.UtcTicks % 10), TimeSpan.Zero);
    }
}
