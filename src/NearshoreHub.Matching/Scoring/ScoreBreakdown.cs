namespace NearshoreHub.Matching;

/// <summary>Score components, each in [0, 1] with 4 decimal places.</summary>
public sealed record ScoreBreakdown(decimal Skills, decimal Overlap, decimal Rate, decimal English, decimal Availability)
{
    internal static ScoreBreakdown FromUnits(int skills, int overlap, int rate, int english, int availability) =>
        new(skills / 10_000m, overlap / 10_000m, rate / 10_000m, english / 10_000m, availability / 10_000m);

    /// <summary>100 · Σ wᵢ·cᵢ / Σ wᵢ in decimal arithmetic, rounded half away from zero to 2 places.</summary>
    public decimal ScoreWith(ScoreWeights weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var sum = ((decimal)weights.Skills * Skills)
            + ((decimal)weights.Overlap * Overlap)
            + ((decimal)weights.Rate * Rate)
            + ((decimal)weights.English * English)
            + ((decimal)weights.Availability * Availability);
        return Math.Round(100m * sum / weights.SumDecimal, 2, MidpointRounding.AwayFromZero);
    }
}
