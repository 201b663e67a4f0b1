using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Projects;

namespace NearshoreHub.Web.Pages;

public sealed record ScoreBarRow(string Label, double Points, double MaxPoints);

/// <summary>A candidate's score split into points per component, as the score formula adds them: 100 · wᵢ·cᵢ / Σw.</summary>
public sealed record ScoreBars(string Id, string Subject, IReadOnlyList<ScoreBarRow> Rows)
{
    public static ScoreBars Of(Guid professionalId, string subject, BreakdownDto b, WeightsDto w)
    {
        var sum = w.Skills + w.Overlap + w.Rate + w.English + w.Availability;
        ScoreBarRow Row(string label, decimal component, double weight) =>
            new(label, sum > 0 ? 100 * weight * (double)component / sum : 0, sum > 0 ? 100 * weight / sum : 0);
        return new ScoreBars("bars-" + professionalId.ToString("N"), subject,
        [
            Row("Skills", b.Skills, w.Skills),
            Row("Overlap", b.Overlap, w.Overlap),
            Row("Rate", b.Rate, w.Rate),
            Row("English", b.English, w.English),
            Row("Availability", b.Availability, w.Availability),
        ]);
    }
}

public sealed record HistogramBin(string Label, int Count);

/// <summary>How many frozen scores fall in each tenth of the 0–100 scale.</summary>
public sealed record ScoreHistogram(string Id, string Title, IReadOnlyList<HistogramBin> Bins)
{
    public static ScoreHistogram Of(string id, string title, IEnumerable<decimal> scores)
    {
        var counts = new int[10];
        foreach (var score in scores)
        {
            counts[Math.Clamp((int)(score / 10), 0, 9)]++;
        }

        return new ScoreHistogram(id, title, counts.Select((c, i) => new HistogramBin($"{i * 10}–{(i == 9 ? 100 : (i * 10) + 10)}", c)).ToList());
    }
}

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
