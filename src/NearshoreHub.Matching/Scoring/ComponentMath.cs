namespace NearshoreHub.Matching;

/// <summary>
/// The score components in integer ten-thousandths (0–10 000 = 0.0000–1.0000). The ranking index and
/// <see cref="MatchScorer"/> both call these, so the two can never disagree.
/// </summary>
internal static class ComponentMath
{
    public const int One = 10_000;
    public const int AvailabilityHorizonDays = 90;

    private static readonly int[] AvailabilityByDelay = BuildAvailability();

    public static int Round(double value)
    {
        var units = Math.Round(value * One, MidpointRounding.AwayFromZero);
        return units <= 0 ? 0 : units >= One ? One : (int)units;
    }

    /// <summary>Full credit at or above the minimum level, else half credit scaled by level / minLevel.</summary>
    public static double DirectCredit(int level, int minLevel) =>
        level >= minLevel ? 1.0 : 0.5 * level / minLevel;

    /// <summary>A related skill earns half its similarity, scaled by min(1, level / minLevel).</summary>
    public static double RelatedCredit(double similarity, int level, int minLevel) =>
        0.5 * similarity * Math.Min(1.0, level / (double)minLevel);

    /// <summary>Weighted mean of the best credit per project skill; 1 when the project lists no skills.</summary>
    public static int Skills(ReadOnlySpan<double> bestCredit, ReadOnlySpan<double> weights, double weightSum)
    {
        if (weights.Length == 0)
        {
            return One;
        }

        double sum = 0;
        for (var p = 0; p < weights.Length; p++)
        {
            sum += weights[p] * bestCredit[p];
        }

        return Round(sum / weightSum);
    }

    public static int Overlap(double averageHours, double coreLengthHours) =>
        coreLengthHours <= 0 ? 0 : Round(Math.Min(1.0, averageHours / coreLengthHours));

    /// <summary>1 without a budget maximum or at/below it; above it, 1 − (rate − max)/max, floored at 0.</summary>
    public static int Rate(decimal rate, decimal? budgetMax)
    {
        if (budgetMax is not { } max || rate <= max)
        {
            return One;
        }

        if (max <= 0)
        {
            return 0;
        }

        var value = 1m - ((rate - max) / max);
        return value <= 0 ? 0 : (int)Math.Round(value * One, 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>1 at or above the minimum; level/minimum below it; level/6 (A1 ≈ 0.17 … C2 = 1) when no minimum is set.</summary>
    public static int English(EnglishLevel level, EnglishLevel? minimum)
    {
        var l = Math.Clamp((int)level, 0, 6);
        if (minimum is { } min)
        {
            return l >= (int)min ? One : (int)Math.Round(l * (decimal)One / (int)min, 0, MidpointRounding.AwayFromZero);
        }

        return (int)Math.Round(l * (decimal)One / 6, 0, MidpointRounding.AwayFromZero);
    }

    /// <summary>1 when available by the start date, falling linearly to 0 at 90 days of delay.</summary>
    public static int Availability(int delayDays) =>
        delayDays <= 0 ? One : delayDays >= AvailabilityHorizonDays ? 0 : AvailabilityByDelay[delayDays];

    public static long Key(ReadOnlySpan<long> microWeights, int skills, int overlap, int rate, int english, int availability) =>
        (microWeights[0] * skills) + (microWeights[1] * overlap) + (microWeights[2] * rate) + (microWeights[3] * english) + (microWeights[4] * availability);

    private static int[] BuildAvailability()
    {
        var table = new int[AvailabilityHorizonDays];
        for (var d = 0; d < table.Length; d++)
        {
            table[d] = (int)Math.Round((AvailabilityHorizonDays - d) * (decimal)One / AvailabilityHorizonDays, 0, MidpointRounding.AwayFromZero);
        }

        return table;
    }
}
