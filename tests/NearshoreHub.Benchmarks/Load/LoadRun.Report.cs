using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NearshoreHub.Benchmarks.Ranking;

namespace NearshoreHub.Benchmarks.Load;

/// <summary>The run's markdown table: throughput, median and p95 per kind of request.</summary>
public static partial class LoadRun
{
    private static string Table(Recorder[] recorders, double elapsed, int connections, TimeSpan duration)
    {
        var builder = new StringBuilder();
        builder.AppendLine(CultureInfo.InvariantCulture, $"Load run: {connections} connections, {duration.TotalSeconds:F0} s, closed loop ({elapsed:F1} s measured)");
        builder.AppendLine();
        builder.AppendLine("| kind | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms |");
        builder.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        var all = new List<double>();
        long allErrors = 0;
        for (var k = 0; k < Names.Length; k++)
        {
            var samples = recorders.SelectMany(r => r.Samples[k]).ToArray();
            var errors = recorders.Sum(r => r.Errors[k]);
            all.AddRange(samples);
            allErrors += errors;
            builder.AppendLine(Row(Names[k], samples, errors, elapsed));
        }

        builder.AppendLine(Row("**total**", [.. all], allErrors, elapsed));
        return builder.ToString();
    }

    private static string Row(string name, double[] samples, long errors, double elapsed)
    {
        Array.Sort(samples);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {samples.Length} | {errors} | {samples.Length / elapsed:F1} | {Format.Ms(Percentile(samples, 0.50))} | {Format.Ms(Percentile(samples, 0.95))} | {Format.Ms(Percentile(samples, 0.99))} | {Format.Ms(samples.Length == 0 ? double.NaN : samples[^1])} |");
    }

    /// <summary>Nearest rank over sorted samples: the smallest value with at least q of all samples at or below it.</summary>
    private static double Percentile(double[] sorted, double q) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
