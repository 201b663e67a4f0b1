using System.Diagnostics;
using System.Diagnostics.Metrics;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;
using NodaTime;
using Npgsql;

namespace NearshoreHub.Web.Features.Matching;

/// <summary>
/// Owns the in-memory ranking index: built from PostgreSQL at start, then kept current. Writes through this
/// instance are applied before the next ranking (rankings wait for pending updates); writes through other
/// instances arrive by LISTEN/NOTIFY, and a lost connection triggers a full rebuild once it is back.
/// </summary>
public sealed class CandidateIndexHost : BackgroundService
{
    private const int BulkLogThreshold = 1000;
    private readonly CandidateLoader _loader;
    private readonly string _connectionString;
    private readonly SkillCatalog _catalog;
    private readonly ProfessionalChanges _changes;
    private readonly ILogger<CandidateIndexHost> _logger;
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _pendingLock = new();
    private Task _pending = Task.CompletedTask;
    private CandidateIndex? _index;
    private readonly IDateTimeZoneProvider _zones;
    private volatile bool _rebuildRequested;
    private int _compactions;
    private long _pendingChanges;

    public CandidateIndexHost(
        IConfiguration configuration, SkillCatalog catalog, ProfessionalChanges changes, ILogger<CandidateIndexHost> logger, NearshoreMeter meters,
        TimeZoneRules? zones = null)
    {
        _zones = (zones ?? TimeZoneRules.Embedded).Provider;
        _connectionString = configuration.GetConnectionString("Default")!;
        _loader = new CandidateLoader(_connectionString, (id, reason) =>
            logger.LogWarning("Professional {Id} left out of the ranking index: {Reason}", id, reason));
        _catalog = catalog;
        _changes = changes;
        _logger = logger;
        changes.Changed += ids => Enqueue(ids);

        // Freshness for operators: a stale index shows as a lost listener or an age that keeps growing under writes.
        var meter = meters.Meter;
        meter.CreateObservableGauge("nearshorehub.index.professionals", () => Count, "{professional}", "Professionals in the ranking index");
        meter.CreateObservableGauge("nearshorehub.index.age", ObserveAge, "s", "Seconds since the ranking index was last built or updated");
        meter.CreateObservableGauge("nearshorehub.index.build.duration", () => BuildDuration?.TotalSeconds ?? 0, "s", "Duration of the last full index build");
        meter.CreateObservableCounter("nearshorehub.index.compactions", () => Compactions, "{collection}", "Compacting collections after an index build or fold (each one pauses the process briefly)");
        meter.CreateObservableGauge("nearshorehub.index.pending", () => Pending, "{professional}", "Changed professionals not yet applied to the ranking index (the collection after a fold included)");
        meter.CreateObservableGauge("nearshorehub.index.listening", () => IsListening ? 1 : 0, description: "1 while changes from other instances arrive by LISTEN/NOTIFY");
    }

    public bool IsReady => _index is not null;

    /// <summary>Completes when the first build is done.</summary>
    public Task WhenReady => _ready.Task;

    public DateTimeOffset? BuiltAt { get; private set; }

    public TimeSpan? BuildDuration { get; private set; }

    /// <summary>Compacting collections run after a full build or a fold (<see cref="CompactAfterBuild"/>), since start.</summary>
    public int Compactions => Volatile.Read(ref _compactions);

    public DateTimeOffset? LastUpdateAt { get; private set; }

    /// <summary>
    /// Changed professionals enqueued and not yet applied, counted until the compacting collection after a fold ends:
    /// 0 once this instance's index has caught up with its own writes and stopped working on them (the import benchmark
    /// waits for it before timing the next step).
    /// </summary>
    public long Pending => Interlocked.Read(ref _pendingChanges);

    public int Count => _index?.Count ?? 0;

    /// <summary>True while the LISTEN connection is up, so writes through other instances reach this index.</summary>
    public bool IsListening { get; private set; }

    /// <summary>The index with every write acknowledged by this instance applied.</summary>
    public async Task<CandidateIndex> GetAsync(CancellationToken ct)
    {
        await _ready.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        Task pending;
        lock (_pendingLock)
        {
            pending = _pending;
        }

        await pending.WaitAsync(ct);
        return _index!;
    }

    /// <summary>Applies the current rows of these professionals (upsert or remove) to the index.</summary>
    public Task Enqueue(IReadOnlyCollection<Guid> ids)
    {
        Interlocked.Add(ref _pendingChanges, ids.Count);
        lock (_pendingLock)
        {
            var previous = _pending;
            _pending = ApplyAfterAsync(previous, ids);
            return _pending;
        }
    }

    private async Task ApplyAfterAsync(Task previous, IReadOnlyCollection<Guid> ids)
    {
        try
        {
            await ApplyInTurnAsync(previous, ids);
        }
        finally
        {
            Interlocked.Add(ref _pendingChanges, -ids.Count);
        }
    }

    private async Task ApplyInTurnAsync(Task previous, IReadOnlyCollection<Guid> ids)
    {
        try
        {
            await previous;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The failed batch was logged where it failed; this one still runs.
        }

        await _ready.Task;
        try
        {
            var index = _index!;
            var clock = Stopwatch.StartNew();
            var records = await _loader.LoadAsync(ids, CancellationToken.None);
            var loaded = clock.Elapsed;

            // One published state for the whole change set: an import of 100 000 rows is one fold, not 100 000 copies.
            var found = new HashSet<Guid>(records.Select(r => r.Id));
            var folded = index.Apply(records, ids.Where(id => !found.Contains(id)).Distinct().ToList());
            LastUpdateAt = DateTimeOffset.UtcNow;
            var applied = clock.Elapsed;
            if (folded)
            {
                var heap = CompactAfterBuild();
                _logger.LogInformation(
                    "Ranking index: applied {Count} changed professional(s) in {Seconds:F2} s (loaded from the database in {LoadSeconds:F2} s), folded into a new snapshot; managed heap {HeapMb:N0} MB after compacting in {CompactMs:N0} ms",
                    ids.Count, applied.TotalSeconds, loaded.TotalSeconds, heap / 1048576.0, (clock.Elapsed - applied).TotalMilliseconds);
            }
            else if (ids.Count >= BulkLogThreshold)
            {
                _logger.LogInformation(
                    "Ranking index: applied {Count} changed professional(s) in {Seconds:F2} s (loaded from the database in {LoadSeconds:F2} s)",
                    ids.Count, applied.TotalSeconds, loaded.TotalSeconds);
            }
        }
        catch (Exception ex)
        {
            // Never leave a faulted task behind: every later ranking awaits it. The listener loop rebuilds
            // the whole index from the database instead, so the lost change is not lost for good.
            _logger.LogWarning(ex, "Could not apply {Count} professional change(s) to the ranking index; rebuilding it", ids.Count);
            _rebuildRequested = true;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var listener = new NpgsqlConnection(_connectionString);
                await listener.OpenAsync(stoppingToken);
                var fullReload = false;
                var changed = new List<Guid>();
                var ranges = new List<(Guid First, Guid Last)>();
                listener.Notification += (_, e) =>
                {
                    // Writes through this instance were applied when they were acknowledged (Changed event).
                    if (!ProfessionalChanges.SplitPayload(e.Payload, out var origin, out var body) || origin == _changes.InstanceId)
                    {
                        return;
                    }

                    if (body == "*")
                    {
                        fullReload = true;
                        return;
                    }

                    if (ProfessionalChanges.TrySplitRange(body, out var first, out var last))
                    {
                        ranges.Add((first, last));
                        return;
                    }

                    foreach (var part in body.Split(','))
                    {
                        if (Guid.TryParse(part, out var id))
                        {
                            changed.Add(id);
                        }
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {ProfessionalChanges.Channel}", listener))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Listening starts before the build, so nothing written during the build is missed.
                await RebuildAsync(stoppingToken);
                IsListening = true;
                while (!stoppingToken.IsCancellationRequested)
                {
                    await listener.WaitAsync(TimeSpan.FromSeconds(1), stoppingToken);
                    if (fullReload || _rebuildRequested)
                    {
                        fullReload = false;
                        _rebuildRequested = false;
                        changed.Clear();
                        ranges.Clear();
                        await RebuildAsync(stoppingToken);
                    }
                    else if (changed.Count > 0 || ranges.Count > 0)
                    {
                        await ReadRangesAsync(listener, ranges, changed, stoppingToken);
                        var batch = changed.Distinct().ToList();
                        changed.Clear();
                        await Enqueue(batch);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                IsListening = false;
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
            {
                IsListening = false;
                _logger.LogWarning("Ranking index lost its database connection ({Message}); retrying in 2 s", ex.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // Anything else would end this service for good and leave the index frozen (or never built).
                _logger.LogError(ex, "Ranking index listener failed; reconnecting and rebuilding in 2 s");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    /// <summary>
    /// The ids in each announced range (rows another instance added in bulk, <see cref="ProfessionalChanges.TrySplitRange"/>),
    /// read on the listening connection; rows in a range that the writer did not add are reloaded too, which is harmless.
    /// </summary>
    private static async Task ReadRangesAsync(NpgsqlConnection listener, List<(Guid First, Guid Last)> ranges, List<Guid> changed, CancellationToken ct)
    {
        // A copy: notifications that arrive while a range is read are handled on the way and add to the list.
        var pending = ranges.ToArray();
        ranges.Clear();
        foreach (var (first, last) in pending)
        {
            await using var read = new NpgsqlCommand("SELECT id FROM professionals WHERE id BETWEEN @first AND @last", listener);
            read.Parameters.Add(new NpgsqlParameter<Guid>("first", first));
            read.Parameters.Add(new NpgsqlParameter<Guid>("last", last));
            await using var reader = await read.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                changed.Add(reader.GetGuid(0));
            }
        }
    }

    private async Task RebuildAsync(CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        // The index's skill graph comes from the catalogue; a rebuild takes the relations as they are now.
        await _catalog.EnsureFreshAsync(ct);
        var (index, count) = await BuildAsync(Math.Max(1024, Count), ct);
        _index = index;
        BuiltAt = DateTimeOffset.UtcNow;
        BuildDuration = clock.Elapsed;

        // Ready once the build's garbage is returned: the collection pauses the whole process anyway, and whoever waits
        // for readiness (the warm-up, a test counting compactions) then sees it done.
        var heap = CompactAfterBuild();
        _ready.TrySetResult();
        _logger.LogInformation(
            "Ranking index built: {Count} professionals in {Seconds:F1} s; managed heap {HeapMb:N0} MB after compacting",
            count, clock.Elapsed.TotalSeconds, heap / 1048576.0);
    }

    // Its own method, so the builder (and its growth buffers) is unreachable once the index exists.
    private async Task<(CandidateIndex Index, int Count)> BuildAsync(int capacity, CancellationToken ct)
    {
        var builder = new CandidateIndexBuilder(_zones, BuildSkillGraph(_catalog), capacity);
        var count = await _loader.LoadAllAsync(builder.Add, ct);
        return (builder.Build(), count);
    }

    /// <summary>
    /// A build leaves its growth buffers and the previous index behind as garbage, much of it on the large-object
    /// heap, which is not compacted by default: the segments stay committed and the resident set stays high. One
    /// blocking, compacting collection (including the LOH) right after a full build returns them (issue 14: at 2.2 M
    /// the resident set must stay under 1 GiB). A change set that folds the index into a new snapshot (past
    /// <see cref="CandidateIndex.CompactionThreshold"/> changes, e.g. every large import) leaves the previous snapshot
    /// behind the same way, so it is followed by the same collection: measured at 2.2 M, the resident set after two
    /// imports of 100,000 rows stayed at 1,862-1,926 MiB without it and came back to 811-856 MiB with it, for a pause
    /// of 169-279 ms per fold (docs/benchmarks.md). A background collection instead returned little (1,721 MiB).
    /// </summary>
    private long CompactAfterBuild()
    {
        Interlocked.Increment(ref _compactions);
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: false);
    }

    private IEnumerable<Measurement<double>> ObserveAge()
    {
        var last = LastUpdateAt > BuiltAt ? LastUpdateAt : BuiltAt;
        return last is { } at ? [new Measurement<double>((DateTimeOffset.UtcNow - at).TotalSeconds)] : [];
    }

    public static SkillGraph BuildSkillGraph(SkillCatalog catalog) => new(
        catalog.Relations.SelectMany(kv => kv.Value.Select(r => (kv.Key, r.SkillId, r.Similarity))),
        catalog.All.ToDictionary(s => s.Id, s => s.Name));
}
