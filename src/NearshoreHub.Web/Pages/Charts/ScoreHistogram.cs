using System.Globalization;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Projects;
using NodaTime;

namespace NearshoreHub.Web.Pages;

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
