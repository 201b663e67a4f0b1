using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using NearshoreHub.Matching;
using NearshoreHub.Web.Features.Matching;
using NodaTime;

namespace NearshoreHub.Benchmarks.Ranking;

/// <summary>Where a run happened: the repository, the machine and its load, printed beside every figure.</summary>
public static partial class RankingBenchmark
{
    internal static string FindRepoRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NearshoreHub.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run the benchmark from inside the repository (NearshoreHub.sln not found).");
    }

    internal static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} / {parts[1]} / {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    internal static string MachineDescription()
    {
        string cpu = "unknown CPU", ram = "unknown RAM";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
            var kb = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
            ram = $"{long.Parse(kb, CultureInfo.InvariantCulture) / (1024.0 * 1024.0):F1} GiB RAM";
        }
        catch (IOException)
        {
            // Not Linux: keep the placeholders.
        }

        return $"{Environment.ProcessorCount} cores ({cpu}), {ram}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}
