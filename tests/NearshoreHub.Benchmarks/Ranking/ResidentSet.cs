using System.Globalization;

namespace NearshoreHub.Benchmarks.Ranking;

/// <summary>
/// The app's memory as the operating system sees it (issue 14: ≤ 1 GiB resident at 2.2 M after the index is built):
/// VmRSS and its peak VmHWM from /proc/&lt;pid&gt;/status, read from outside the process.
/// </summary>
internal static class ResidentSet
{
    public static (long RssBytes, long PeakBytes)? Read(int pid)
    {
        var path = $"/proc/{pid}/status";
        if (!File.Exists(path))
        {
            return null;
        }

        long rss = 0, peak = 0;
        foreach (var line in File.ReadLines(path))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return (rss, peak);
    }

    public static string Describe(int pid)
    {
        var read = Read(pid);
        return read is { } r
            ? string.Create(CultureInfo.InvariantCulture, $"resident set {r.RssBytes / 1048576.0:N0} MiB (peak {r.PeakBytes / 1048576.0:N0} MiB)")
            : "resident set unknown (no /proc)";
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
