using System.Diagnostics;
using System.Globalization;

namespace NearshoreHub.Benchmarks.Search;

/// <summary>
/// How much CPU the whole machine spent while one step ran: the first line of <c>/proc/stat</c> (every core's user,
/// nice, system, irq and softirq time against the rest: idle, iowait, steal) before and after, as a share of the
/// step's wall time on every core. On a machine that runs only the app, PostgreSQL and this program, that is what an
/// import cost all three (the upload included), and it bounds the import from below: with every core busy throughout,
/// the same work still takes <see cref="Reading.AtLeastSeconds"/>. An import whose bound is already over 1.25 times
/// its floor cannot reach 80 % of it by scheduling alone (product spec §15); its work has to shrink. Only on Linux.
/// </summary>
public sealed class MachineCpu
{
    private readonly long _busy;
    private readonly long _total;
    private readonly int _cores;
    private readonly long _at;

    private MachineCpu(long busy, long total, int cores)
    {
        (_busy, _total, _cores) = (busy, total, cores);
        _at = Stopwatch.GetTimestamp();
    }

    /// <summary>CPU the machine spent over a step, in core-seconds, on <paramref name="Cores"/> cores.</summary>
    public sealed record Reading(double BusyCoreSeconds, int Cores)
    {
        /// <summary>The least wall time the same CPU takes on every core at once.</summary>
        public double AtLeastSeconds => BusyCoreSeconds / Cores;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"the machine spent {BusyCoreSeconds:F2} core-s of CPU (app, PostgreSQL, upload): at least {AtLeastSeconds:F2} s on its {Cores} cores");
    }

    /// <summary>The counters now, or null where there is no /proc/stat to read.</summary>
    public static MachineCpu? Take()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        try
        {
            var lines = File.ReadAllLines("/proc/stat");
            var fields = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 9 || fields[0] != "cpu")
            {
                return null;
            }

            // The first line sums the cores' lines ("cpu0", "cpu1", …), whatever this process may run on.
            var cores = lines.Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));

            // user nice system idle iowait irq softirq steal [guest guest_nice, already counted in user and nice].
            var ticks = fields.Skip(1).Take(8).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6];
            return new MachineCpu(busy, ticks.Sum(), cores);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>What the machine spent since <paramref name="before"/>, or null without both readings.</summary>
    public static Reading? Since(MachineCpu? before)
    {
        if (before is null || Take() is not { } after || after._total <= before._total)
        {
            return null;
        }

        // The counters tick in USER_HZ, so the busy share of all ticks is taken over the wall time measured here.
        var share = (double)(after._busy - before._busy) / (after._total - before._total);
        var seconds = Stopwatch.GetElapsedTime(before._at, after._at).TotalSeconds;
        return new Reading(share * seconds * before._cores, before._cores);
    }

    /// <summary>The share of one core under which the machine counts as quiet (<see cref="WaitForQuietAsync"/>).</summary>
    public const double QuietCores = 0.1;

    /// <summary>
    /// Waits until the machine spends at most <see cref="QuietCores"/> of a core over one second (30 s at most), so a
    /// step is not timed while the app still works on the step before: the JIT recompiling what this program's polling
    /// of /metrics made hot, or the ranking index's last fold. Returns the seconds waited, or 0 where /proc/stat cannot
    /// be read.
    /// </summary>
    public static async Task<double> WaitForQuietAsync()
    {
        if (Take() is null)
        {
            return 0;
        }

        var limit = TimeSpan.FromSeconds(30);
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < limit)
        {
            var before = Take();
            await Task.Delay(TimeSpan.FromSeconds(1));
            if (Since(before) is not { } reading || reading.BusyCoreSeconds / Stopwatch.GetElapsedTime(before!._at).TotalSeconds <= QuietCores)
            {
                break;
            }
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
