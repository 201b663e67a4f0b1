using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>
/// Average and minimum overlap hours of every schedule group for one project schedule and its client days off, and per
/// professional calendar the with-holidays average of every group (product spec §9); a calendar with no day off near the
/// engagement is absent and its groups take <see cref="Average"/>.
/// </summary>
internal sealed record GroupOverlaps(double[] Average, double[] Minimum)
{
    public IReadOnlyDictionary<string, double[]> EffectiveByCalendar { get; init; } = new Dictionary<string, double[]>();
}
