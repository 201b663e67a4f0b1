using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>Average and minimum overlap hours of every schedule group for one project schedule.</summary>
internal sealed record GroupOverlaps(double[] Average, double[] Minimum);
