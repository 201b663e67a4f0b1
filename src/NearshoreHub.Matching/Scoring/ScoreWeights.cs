namespace NearshoreHub.Matching;

/// <summary>
/// Relative weights of the five score components. Each must be finite, between 0 and 1000, and their sum
/// positive. Weights are rounded to 6 decimal places on construction so that scores are exact decimal
/// arithmetic; the rounded values are the ones reported beside every breakdown.
/// </summary>
public sealed record ScoreWeights
{
    public const double MaxWeight = 1000;

    public ScoreWeights(double skills, double overlap, double rate, double english, double availability)
    {
        Skills = Check(skills, nameof(skills));
        Overlap = Check(overlap, nameof(overlap));
        Rate = Check(rate, nameof(rate));
        English = Check(english, nameof(english));
        Availability = Check(availability, nameof(availability));
        if (Skills + Overlap + Rate + English + Availability <= 0)
        {
            throw new ArgumentException("At least one score weight must be positive.");
        }
    }

    public static ScoreWeights Default { get; } = new(0.45, 0.25, 0.10, 0.10, 0.10);

    public double Skills { get; }

    public double Overlap { get; }

    public double Rate { get; }

    public double English { get; }

    public double Availability { get; }

    internal decimal SumDecimal => (decimal)Skills + (decimal)Overlap + (decimal)Rate + (decimal)English + (decimal)Availability;

    /// <summary>Weights as integers in millionths, used for the exact ordering key.</summary>
    internal long[] Micro() =>
    [
        (long)((decimal)Skills * 1_000_000m),
        (long)((decimal)Overlap * 1_000_000m),
        (long)((decimal)Rate * 1_000_000m),
        (long)((decimal)English * 1_000_000m),
        (long)((decimal)Availability * 1_000_000m),
    ];

    private static double Check(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0 || value > MaxWeight)
        {
            throw new ArgumentOutOfRangeException(name, value, $"A score weight must be between 0 and {MaxWeight}.");
        }

        return (double)Math.Round((decimal)value, 6, MidpointRounding.AwayFromZero);
    }
}
