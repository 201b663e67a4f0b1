using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using NearshoreHub.Benchmarks.Ranking;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Benchmarks.Load;

/// <summary>
/// What the shared rate limiter adds to each request: the app's own <see cref="RateLimitCounterStore"/> call, timed
/// one after another and from several callers at once, against a database that has the app's migrations:
/// <code>dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- limiter --connection "Host=…;Database=nearshorehub;…"
///   [--iterations 5000] [--callers 1,8]</code>
/// Counts go to partitions named <c>bench:*</c>, which the app's cleanup deletes after two idle minutes.
/// </summary>
public static class RateLimitStoreCost
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);

        if (!options.TryGetValue("connection", out var connection))
        {
            Console.WriteLine("limiter --connection \"Host=…;Database=nearshorehub;…\" [--iterations 5000] [--callers 1,8]");
            return 2;
        }

        var iterations = int.Parse(options.GetValueOrDefault("iterations", "5000"), CultureInfo.InvariantCulture);
        var callerCounts = options.GetValueOrDefault("callers", "1,8").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("ConnectionStrings:Default", connection)]).Build();
        await using var store = new RateLimitCounterStore(configuration);

        Console.WriteLine("| callers | partitions | calls | median ms | p95 ms | p99 ms | calls/s |");
        Console.WriteLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var callers in callerCounts)
        {
            foreach (var (label, keys) in new (string, Func<Random, string[]>)[]
            {
                ("1 of 5,000 (per IP / key)", random => [$"bench:ip:{random.Next(5000)}"]),
                ("1 shared by all (one busy user)", _ => ["bench:user:hot"]),
                ("2 (sign-in)", random => [$"bench:ip:{random.Next(5000)}", $"bench:signin:{random.Next(5000)}"]),
            })
            {
                for (var w = 0; w < 200; w++)
                {
                    await store.IncrementAsync(keys(new Random(w)), TimeSpan.FromMinutes(1), CancellationToken.None);
                }

                var perCaller = iterations / callers;
                var samples = new double[perCaller * callers];
                var clock = Stopwatch.StartNew();
                await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
                {
                    var random = new Random(c);
                    for (var i = 0; i < perCaller; i++)
                    {
                        var started = Stopwatch.GetTimestamp();
                        await store.IncrementAsync(keys(random), TimeSpan.FromMinutes(1), CancellationToken.None);
                        samples[(c * perCaller) + i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    }
                })));
                var seconds = clock.Elapsed.TotalSeconds;
                Array.Sort(samples);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {callers} | {label} | {samples.Length} | {Format.Ms(At(samples, 0.5))} | {Format.Ms(At(samples, 0.95))} | {Format.Ms(At(samples, 0.99))} | {samples.Length / seconds:F0} |"));
            }
        }

        return 0;
    }

    private static double At(double[] sorted, double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
}
