using System.Diagnostics;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>The import's phases and their milliseconds, for its "Import phases" log line.</summary>
internal sealed class ImportPhases
{
    private readonly List<(string Phase, long Ms)> _phases = [];
    private readonly Stopwatch _phase = Stopwatch.StartNew();
    private readonly Stopwatch _total = Stopwatch.StartNew();

    public long TotalMs => _total.ElapsedMilliseconds;

    /// <summary>Ends the phase running since the last call (or the start) under <paramref name="name"/>.</summary>
    public void End(string name)
    {
        _phases.Add((name, _phase.ElapsedMilliseconds));
        _phase.Restart();
    }

    public static long Ms(long ticks) => (long)Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;

    public override string ToString() => string.Join("; ", _phases.Select(p => $"{p.Phase} {p.Ms} ms"));
}
