using System.Diagnostics;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// The import's phases and their milliseconds, and what the process's CPU time and the garbage collector did meanwhile
/// (for the whole process: other requests count too; the pauses are the collections' own, while a background one's
/// marking runs beside the threads; the heap committed is as the last collection before the start and before the end
/// left it), for its "Import phases" log line. The CPU time is split as the OS counts it: user, and
/// system, where on Linux the page faults count when the collector hands out memory the process has not touched yet.
/// The JIT's part tells whether the code an import runs was compiled before it (<see cref="ImportWarmUp"/>): methods
/// compiled meanwhile and the time the JIT spent on them, on any thread.
/// </summary>
internal sealed class ImportPhases
{
    private readonly List<(string Phase, long Ms)> _phases = [];
    private readonly Stopwatch _phase = Stopwatch.StartNew();
    private readonly Stopwatch _total = Stopwatch.StartNew();
    private readonly long _allocated = GC.GetTotalAllocatedBytes();
    private readonly long _committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
    private readonly int[] _collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan _paused = GC.GetTotalPauseDuration();
    private readonly Environment.ProcessCpuUsage _cpu = Environment.CpuUsage;
    private readonly long _compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
    private readonly TimeSpan _compiling = System.Runtime.JitInfo.GetCompilationTime();

    public long TotalMs => _total.ElapsedMilliseconds;

    /// <summary>Ends the phase running since the last call (or the start) under <paramref name="name"/>.</summary>
    public void End(string name)
    {
        _phases.Add((name, _phase.ElapsedMilliseconds));
        _phase.Restart();
    }

    public static long Ms(long ticks) => (long)Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;

    public override string ToString() => string.Join("; ", _phases.Select(p => $"{p.Phase} {p.Ms} ms")) + "; " + Cpu() + "; " + Jit() + "; " + Gc();

    private string Cpu()
    {
        var now = Environment.CpuUsage;
        return $"process CPU: {(long)(now.UserTime - _cpu.UserTime).TotalMilliseconds} ms user, "
            + $"{(long)(now.PrivilegedTime - _cpu.PrivilegedTime).TotalMilliseconds} ms system";
    }

    private string Jit() =>
        $"JIT: {System.Runtime.JitInfo.GetCompiledMethodCount() - _compiled} methods compiled in "
        + $"{(long)(System.Runtime.JitInfo.GetCompilationTime() - _compiling).TotalMilliseconds} ms";

    private string Gc()
    {
        const int Mb = 1024 * 1024;
        var collections = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - _collections[g]).ToArray();
        return $"GC: {(GC.GetTotalAllocatedBytes() - _allocated) / Mb} MB allocated, {collections[0]} collections ({collections[1]} of gen 1, "
            + $"{collections[2]} of gen 2; paused {(long)(GC.GetTotalPauseDuration() - _paused).TotalMilliseconds} ms), heap committed {_committed / Mb} -> {GC.GetGCMemoryInfo().TotalCommittedBytes / Mb} MB";
    }
}
