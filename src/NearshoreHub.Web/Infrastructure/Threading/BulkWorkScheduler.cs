using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace NearshoreHub.Web.Infrastructure.Threading;

/// <summary>
/// Runs bulk work (the CSV import's reading, checking and encoding) on a few threads of its own at a lower OS priority:
/// nice <see cref="Niceness"/> on Linux, <see cref="ThreadPriority.BelowNormal"/> elsewhere. When the host's cores are
/// all busy, the API's requests go first; when they are not, nothing changes.
/// A priority only ranks threads the scheduler weighs against each other. Linux weighs first between scheduling groups
/// (cgroups, such as containers and systemd services, and, where <c>kernel.sched_autogroup_enabled</c> is 1, sessions),
/// and only then between the threads inside one group by their nice values. <c>pg_ctl</c> starts PostgreSQL in a session
/// of its own, so on such a host a PostgreSQL on the same machine shares the cores with this whole process, whatever
/// these threads' nice value: for it to go first, give it the larger share of the host (a higher CPU weight for its
/// cgroup, or a positive nice for this app's autogroup in <c>/proc/&lt;pid&gt;/autogroup</c>). Measured on two cores with
/// autogroup on, first imports of 100,000 rows: the backend writing the rows waited for a core 287–368 ms per import
/// with this app's session at PostgreSQL's weight, 167–178 ms with it at autogroup nice 10, but the import's own threads
/// then fell behind and the connection waited for them longer (docs/benchmarks.md, 2026-12-03 21:24 UTC).
/// An async method started here stays here: its awaits resume on this scheduler (ASP.NET Core has no synchronisation
/// context), and <c>Task.Factory.StartNew</c> with <see cref="TaskScheduler.Current"/> queues here too.
/// </summary>
public sealed class BulkWorkScheduler : TaskScheduler, IDisposable
{
    /// <summary>"Import:Niceness" overrides it; 0 keeps the threads at the process's priority.</summary>
    public const int DefaultNiceness = 10;

    private readonly BlockingCollection<Task> _queue = [];
    [ThreadStatic]
    private static BulkWorkScheduler? _owner;

    /// <summary>
    /// "Import:Niceness", checked. The import's warm-up (a hosted service) takes the scheduler, so the host builds it at
    /// start, and a value out of range stops the start with this message rather than failing the first import.
    /// </summary>
    /// <exception cref="InvalidOperationException">The value is not a whole number from 0 to 19.</exception>
    public static int NicenessFrom(IConfiguration configuration)
    {
        var value = configuration["Import:Niceness"];
        if (value is null)
        {
            return DefaultNiceness;
        }

        return int.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out var niceness) && niceness is >= 0 and <= 19
            ? niceness
            : throw new InvalidOperationException($"Import:Niceness must be a whole number from 0 to 19 (0: the process's own priority), not '{value}'.");
    }

    /// <param name="threads">Threads to keep; each blocks on the queue while there is no work.</param>
    /// <param name="niceness">Linux nice value of the threads, 0–19 (0: the process's own priority). A thread cannot
    /// raise its priority again without privileges, which is why the threads are this scheduler's own.</param>
    public BulkWorkScheduler(int threads, int niceness)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(niceness);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(niceness, 19);
        Niceness = niceness;
        for (var i = 0; i < threads; i++)
        {
            new Thread(Work) { IsBackground = true, Name = "bulk-work" }.Start();
        }

        MaximumConcurrencyLevel = threads;
    }

    public int Niceness { get; }

    public override int MaximumConcurrencyLevel { get; }

    /// <summary>
    /// Runs <paramref name="work"/> here (its awaits come back here) and hands the result back on the thread pool: the
    /// caller's code after its await would otherwise go on on a thread of this scheduler, at its priority, and with this
    /// scheduler as <see cref="TaskScheduler.Current"/>.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken ct) =>
        await Task.Factory.StartNew(work, ct, TaskCreationOptions.DenyChildAttach, this).Unwrap().ConfigureAwait(ConfigureAwaitOptions.ForceYielding);

    public void Dispose() => _queue.CompleteAdding();

    protected override void QueueTask(Task task) => _queue.Add(task);

    // Inline only on a thread of this scheduler, so nothing queued here ever runs at the caller's priority.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => _owner == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => _queue.ToArray();

    private void Work()
    {
        _owner = this;
        Lower(Niceness);
        foreach (var task in _queue.GetConsumingEnumerable())
        {
            TryExecuteTask(task);
        }
    }

    private static void Lower(int niceness)
    {
        if (niceness == 0)
        {
            return;
        }

        if (OperatingSystem.IsLinux())
        {
            // PRIO_PROCESS with who = 0 is the calling thread on Linux (nice is a per-thread attribute there); a
            // refusal (a sandbox without the call) leaves the thread at the process's priority.
            _ = SetPriority(0, 0, niceness);
        }
        else
        {
            Thread.CurrentThread.Priority = ThreadPriority.BelowNormal;
        }
    }

    // Blittable arguments only, so no marshalling code is generated (LibraryImport would need unsafe code for nothing).
    [DllImport("libc", EntryPoint = "setpriority", ExactSpelling = true)]
    private static extern int SetPriority(int which, int who, int priority);
}
