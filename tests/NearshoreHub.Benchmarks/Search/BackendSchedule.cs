using System.Globalization;

namespace NearshoreHub.Benchmarks.Search;

/// <summary>
/// How long the PostgreSQL processes on this host ran, and waited for a core, while one step ran: read from
/// <c>/proc/&lt;pid&gt;/schedstat</c> of every process named <c>postgres</c> (the kernel's time on a CPU and time runnable
/// but waiting, in nanoseconds), before and after. The busiest one over an import is the backend that wrote its rows; over
/// the floor, the floor's own. So the import's writing can be set against the floor's: a wait shows the writer sharing a
/// core (with the app, or with the lookups' backend), and CPU time shows what the same rows cost PostgreSQL each time (a
/// virtual machine that does not report stolen time counts a slow stretch of the host's core as CPU time too). Only on
/// Linux, and only meaningful where PostgreSQL runs on this host; elsewhere nothing is printed.
/// </summary>
internal sealed class BackendSchedule
{
    private readonly Dictionary<int, (long OnCpu, long Waiting)> _processes;

    private BackendSchedule(Dictionary<int, (long OnCpu, long Waiting)> processes) => _processes = processes;

    /// <summary>The PostgreSQL processes on this host now, or null where there is no /proc to read or none runs.</summary>
    public static BackendSchedule? Take()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var processes = new Dictionary<int, (long, long)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(directory, "comm")).TrimEnd() != "postgres")
                {
                    continue;
                }

                var fields = File.ReadAllText(Path.Combine(directory, "schedstat")).Split(' ');
                processes[pid] = (long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture));
            }
            catch (IOException)
            {
                // The process ended between the listing and the read.
            }
            catch (UnauthorizedAccessException)
            {
                // Another user's process behind /proc's hidepid: not readable, so not counted.
            }
        }

        return processes.Count == 0 ? null : new BackendSchedule(processes);
    }

    /// <summary>
    /// "busiest … ms on a core, … ms waiting for one; all … ms on, … ms waiting" between <paramref name="before"/> and
    /// now, or null without both readings. A process that started in between counts from zero.
    /// </summary>
    public static string? Since(BackendSchedule? before)
    {
        if (before is null || Take() is not { } after)
        {
            return null;
        }

        var deltas = after._processes
            .Select(p => before._processes.TryGetValue(p.Key, out var b)
                ? (OnCpu: p.Value.OnCpu - b.OnCpu, Waiting: p.Value.Waiting - b.Waiting)
                : p.Value)
            .OrderByDescending(d => d.OnCpu)
            .ToList();
        var busiest = deltas[0];
        return string.Create(CultureInfo.InvariantCulture,
            $"PostgreSQL on this host: busiest process {busiest.OnCpu / 1e6:N0} ms on a core, {busiest.Waiting / 1e6:N0} ms waiting for one; all {deltas.Sum(d => d.OnCpu) / 1e6:N0} ms on, {deltas.Sum(d => d.Waiting) / 1e6:N0} ms waiting");
    }
}
