using System.Globalization;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Projects;
using NodaTime;

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
