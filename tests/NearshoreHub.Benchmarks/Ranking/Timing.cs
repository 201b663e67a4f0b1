using System.Diagnostics;
using System.Globalization;

namespace NearshoreHub.Benchmarks.Ranking;

/// <summary>Median and 95th percentile (nearest rank) of a set of timings in milliseconds.</summary>
internal sealed record Timing(double Median, double P95, int Count)
{
    public static Timing Of(IReadOnlyCollection<double> samples)
    {
        var sorted = samples.OrderBy(s => s).ToArray();
        if (sorted.Length == 0)
        {
            return new Timing(double.NaN, double.NaN, 0);
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var p95 = sorted[Math.Clamp((int)Math.Ceiling(0.95 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Timing(median, p95, sorted.Length);
    }

    public static async Task<Timing> MeasureAsync(int warmups, int iterations, Func<Task> action)
    {
        for (var i = 0; i < warmups; i++)
        {
            await action();
        }

        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var clock = Stopwatch.StartNew();
            await action();
            samples[i] = clock.Elapsed.TotalMilliseconds;
        }

        return Of(samples);
    }

    public static Timing Measure(int warmups, int iterations, Action action) =>
        MeasureAsync(warmups, iterations, () =>
        {
            action();
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
}

internal static class Format
{
    public static string Ms(double value) => double.IsNaN(value) ? "–" : value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture);

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string F(double value, string format) => double.IsNaN(value) ? "–" : value.ToString(format, CultureInfo.InvariantCulture);

    public static void Progress(string message) =>
        Console.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");
}
