using System.Globalization;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Projects;
using NodaTime;

namespace NearshoreHub.Web.Pages;

public sealed record SharePair(string Key, int PoolCount, double PoolShare, int TopCount, double TopShare);

/// <summary>One representation dimension: each group's share of the eligible pool beside its share of the frozen top.</summary>
public sealed record ShareComparison(string Id, string Title, IReadOnlyList<SharePair> Rows)
{
    public static ShareComparison Of(string id, string title, IReadOnlyList<ShareDto> pool, IReadOnlyList<ShareDto> top)
    {
        var keys = pool.OrderByDescending(s => s.Count).Select(s => s.Key)
            .Concat(top.OrderByDescending(s => s.Count).Select(s => s.Key))
            .Distinct(StringComparer.Ordinal);
        return new ShareComparison(id, title, keys.Select(k =>
        {
            var p = pool.FirstOrDefault(s => s.Key == k);
            var t = top.FirstOrDefault(s => s.Key == k);
            return new SharePair(k, p?.Count ?? 0, p?.Share ?? 0, t?.Count ?? 0, t?.Share ?? 0);
        }).ToList());
    }
}
