using System.Diagnostics;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// The new rows' way into the tables while the file is still being read. The router (<see cref="ImportRouter"/>) adds
/// each new row's COPY rows, as the worker encoded them, to a chunk; a full chunk is written on the import's connection
/// while the router goes on with the next batches, so PostgreSQL ingests on its own core while this process checks the
/// rest of the file. A chunk goes by one binary COPY straight into professionals
/// (<see cref="ProfessionalsTable.CopyProfessionals"/>, as PostgreSQL's floor does), then its skill rows by COPY into
/// professional_skills, their foreign keys checked once per skill id where the session may: the first chunk turns the
/// row triggers off for the new rows' writing (<see cref="ProfessionalsTable.RowTriggersOffForInsertsAsync"/>), and
/// they go on again once the last chunk is written. Turning them off and on around each chunk's skill rows cost three
/// more statements per chunk. A lock wait or deadlock on another writer's row shows as that COPY, and
/// a conflict reads as one (<see cref="ImportSql.Conflict"/>). While one chunk is written, a full one may wait for its
/// turn and the router fills a third (<see cref="MaxHandedOver"/>); a failed write surfaces at a later hand-over or at
/// <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class ImportNewRows(NpgsqlConnection connection, ImportSizes sizes)
{
    /// <summary>
    /// Chunks handed over and not yet written, the one being written included. With one (a hand-over waited for the
    /// write before it), the router stood still whenever PostgreSQL was busy and PostgreSQL stood still whenever the
    /// router was: on two cores the connection was idle for 94-284 ms of a 100,000-row import's 2.7-4.2 s of reading,
    /// 28-125 ms with two (and the lookups beside the router; docs/benchmarks.md, 2026-12-02).
    /// </summary>
    private const int MaxHandedOver = 2;

    /// <summary>
    /// Chunks kept for the next import: as many as one import uses at once (<see cref="MaxHandedOver"/> and the one
    /// being filled). A chunk whose buffers grew past twice what <see cref="Prepare"/> makes them (a file of very wide
    /// rows) is left to the collector instead.
    /// </summary>
    private static readonly KeptBetweenImports<Chunk> Kept = new(MaxHandedOver + 1);

    private readonly HashSet<int> _checkedSkillIds = [];
    private readonly Queue<(Chunk? Chunk, Task Written)> _handedOver = new();
    private readonly Stack<Chunk> _spare = new();

    /// <summary>Every chunk this import took, given back to <see cref="Kept"/> once no write of them is in flight (<see cref="Release"/>).</summary>
    private readonly List<Chunk> _taken = [];
    private Chunk? _filling;
    private int _chunks;
    private int _chunksWritten;
    private long _lastWriteEnd;

    /// <summary>Whether the row triggers are off for this transaction; null where the session may not turn them off (not a superuser).</summary>
    private bool? _triggersOff = false;

    /// <summary>True while a write handed over (a chunk or changed rows) has not ended; they run one after another, so the last one ending means all have.</summary>
    public bool IsWriting => _handedOver.Count > 0 && !_handedOver.Last().Written.IsCompleted;

    /// <summary>The ids of every row added, in file order.</summary>
    public List<Guid> InsertedIds { get; } = [];

    /// <summary>Time spent writing chunks (on the connection), of it the COPY into professionals and the skill rows, and time the router waited for a write to finish.</summary>
    public long WriteTicks { get; private set; }

    public long SkillTicks { get; private set; }

    public long ProfessionalsTicks { get; private set; }

    public long WaitTicks { get; private set; }

    /// <summary>When the first chunk began to be written (a <see cref="Stopwatch"/> timestamp; 0 if none was).</summary>
    public long FirstWriteAt { get; private set; }

    /// <summary>
    /// Fills <see cref="Kept"/> with chunks whose buffers hold a full chunk of an import (<see cref="ImportSizes.Import"/>)
    /// at the expected row width, their memory written once (<see cref="ImportCopyBuffer.Prepare"/>): the first import
    /// then writes into memory the process has, instead of growing new buffers page fault by page fault.
    /// </summary>
    public static void Prepare() => Kept.Fill(() => new Chunk(), chunk => ImportSizes.Prepare(chunk.Professionals, chunk.Skills, ImportSizes.Import.Chunk));

    public void Add(ImportBatch batch, in ImportRow row)
    {
        _filling ??= Take();
        _filling.Professionals.Append(batch.Copy.Written.Span[row.RowStart..row.RowEnd]);
        _filling.Skills.Append(batch.Skills.Written.Span[row.SkillStart..row.SkillEnd]);
        _filling.SkillIds.UnionWith(row.SkillIds);
        _filling.Rows++;
        InsertedIds.Add(row.Id);
    }

    /// <summary>Time between the end of one write and the start of the next (PostgreSQL's connection had nothing to write).</summary>
    public long IdleTicks { get; private set; }

    /// <summary>Hands the chunk over once it is full, or sooner when the connection has nothing else to write (<see cref="HandOverNow"/>).</summary>
    public Task FlushIfFullAsync(CancellationToken ct) =>
        _filling is { } filling && HandOverNow(sizes, _chunks, filling.Rows, writerIdle: !IsWriting) ? HandOverAsync(ct) : Task.CompletedTask;

    /// <summary>
    /// Whether a chunk of <paramref name="rows"/> rows goes now: when it is full (<see cref="ChunkRows"/>), or when it
    /// holds at least a first chunk's rows and every write handed over before it has ended. Waiting for the doubled size
    /// left PostgreSQL's connection idle whenever the router filled a chunk slower than the connection wrote the one
    /// before: 84–123 ms per first import of 100,000 rows on two cores, 0–62 ms with this rule (docs/benchmarks.md,
    /// 2026-12-03 17:42 UTC).
    /// </summary>
    internal static bool HandOverNow(ImportSizes sizes, int chunk, int rows, bool writerIdle) =>
        rows >= ChunkRows(sizes, chunk) || (writerIdle && chunk > 0 && rows >= sizes.FirstChunk);

    /// <summary>
    /// Rows in chunk <paramref name="chunk"/> (0 first): <see cref="ImportSizes.FirstChunk"/>, then twice as many each
    /// time up to <see cref="ImportSizes.Chunk"/>. The first is small, so PostgreSQL starts writing soon after the file
    /// starts arriving; each next one is filled while PostgreSQL writes the one before; a large file costs few statements.
    /// </summary>
    internal static int ChunkRows(ImportSizes sizes, int chunk) =>
        chunk >= 16 ? sizes.Chunk : Math.Min(sizes.Chunk, sizes.FirstChunk << chunk);

    /// <summary>Writes what is left and waits for every write.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_filling is { Rows: > 0 })
        {
            await HandOverAsync(ct);
        }

        while (_handedOver.Count > 0)
        {
            await WaitOldestAsync();
        }

        Release();

        // What the transaction writes next (updates, the merge) runs with its triggers, as everywhere else.
        if (_triggersOff is true)
        {
            await ProfessionalsTable.WithRowTriggersAsync(connection, ct);
            _triggersOff = false;
        }
    }

    /// <summary>After a failure elsewhere: lets the writes in flight end (the connection is busy until then), ignoring their outcome.</summary>
    public async Task AbandonAsync()
    {
        while (_handedOver.TryDequeue(out var handedOver))
        {
            try
            {
                await handedOver.Written;
            }
            catch (Exception e) when (e is PostgresException or NpgsqlException or DuplicateException or OperationCanceledException or InvalidOperationException)
            {
                // The failure being thrown already says what went wrong; the transaction rolls back.
            }
        }

        Release();
    }

    /// <summary>
    /// Hands other work on the import's connection to the same queue (the changed rows' chunks,
    /// <see cref="ImportUpdate.ApplyAsync"/>): it runs after the writes before it while the router goes on. It must not
    /// depend on the row triggers, which may be off for the new rows, nor change them (<see cref="ImportSql.CopySkillsAsync"/>).
    /// </summary>
    public async Task HandOverAsync(Func<CancellationToken, Task> write, CancellationToken ct)
    {
        await MakeRoomAsync();
        _handedOver.Enqueue((null, RunAfterAsync(Last(), write, ct)));
    }

    private async Task HandOverAsync(CancellationToken ct)
    {
        await MakeRoomAsync();

        // Each write starts once the one before it has ended: one connection, one statement at a time.
        var filled = _filling!;
        _handedOver.Enqueue((filled, WriteAfterAsync(Last(), filled, ct)));
        _filling = _spare.Count > 0 ? _spare.Pop() : Take();
        _filling.Clear();
        _chunks++;
    }

    /// <summary>A kept chunk if one is left (<see cref="Kept"/>; empty, as <see cref="Release"/> keeps them), else a new one; either way this import's until <see cref="Release"/>.</summary>
    private Chunk Take()
    {
        var chunk = Kept.TryTake() ?? new Chunk();
        _taken.Add(chunk);
        return chunk;
    }

    /// <summary>Gives this import's chunks back for the next one; called once every write handed over has ended.</summary>
    private void Release()
    {
        foreach (var chunk in _taken)
        {
            chunk.Clear();
            if (ImportSizes.Keepable(chunk.Professionals, chunk.Skills, ImportSizes.Import.Chunk))
            {
                Kept.Keep(chunk);
            }
        }

        _taken.Clear();
        _spare.Clear();
        _filling = null;
    }

    private Task Last() => _handedOver.Count > 0 ? _handedOver.Last().Written : Task.CompletedTask;

    private async Task MakeRoomAsync()
    {
        while (_handedOver.Count >= MaxHandedOver)
        {
            await WaitOldestAsync();
        }
    }

    private async Task RunAfterAsync(Task previous, Func<CancellationToken, Task> write, CancellationToken ct)
    {
        await previous;
        Starting();
        await write(ct);
        _lastWriteEnd = Stopwatch.GetTimestamp();
    }

    /// <summary>Counts the time since the connection's last write ended as idle; returns now.</summary>
    private long Starting()
    {
        var now = Stopwatch.GetTimestamp();
        if (_lastWriteEnd != 0)
        {
            IdleTicks += now - _lastWriteEnd;
        }

        return now;
    }

    private async Task WaitOldestAsync()
    {
        var started = Stopwatch.GetTimestamp();
        var (chunk, written) = _handedOver.Peek();
        await written;
        _handedOver.Dequeue();
        if (chunk is not null)
        {
            _spare.Push(chunk);
        }

        WaitTicks += Stopwatch.GetTimestamp() - started;
    }

    /// <summary>Writes <paramref name="chunk"/> after <paramref name="previous"/>; if that failed, fails the same way without writing.</summary>
    private async Task WriteAfterAsync(Task previous, Chunk chunk, CancellationToken ct)
    {
        await previous;
        await WriteAsync(chunk, ct);
    }

    private async Task WriteAsync(Chunk chunk, CancellationToken ct)
    {
        var started = Starting();
        if (FirstWriteAt == 0)
        {
            FirstWriteAt = started;
        }

        // The skills this chunk names for the first time are checked (and locked) before its COPYs, in the statement
        // that turns the row triggers off for the rest of the transaction; a chunk naming none costs its two COPYs only.
        chunk.SkillIds.ExceptWith(_checkedSkillIds);
        if (_triggersOff is not null && (_chunksWritten == 0 || chunk.SkillIds.Count > 0))
        {
            _triggersOff = await ProfessionalsTable.RowTriggersOffForInsertsAsync(connection, ImportSql.SkillsExist(chunk.SkillIds), ct);
        }

        _checkedSkillIds.UnionWith(chunk.SkillIds);
        _chunksWritten++;
        await ImportSql.CopyAsync(connection, ProfessionalsTable.CopyProfessionals, chunk.Professionals, ct);
        ProfessionalsTicks += Stopwatch.GetTimestamp() - started;
        var skills = Stopwatch.GetTimestamp();
        if (chunk.Skills.Length > 0)
        {
            await ImportSql.CopyAsync(connection, ProfessionalsTable.CopySkills, chunk.Skills, ct);
        }

        _lastWriteEnd = Stopwatch.GetTimestamp();
        SkillTicks += _lastWriteEnd - skills;
        WriteTicks += _lastWriteEnd - started;
    }

    private sealed class Chunk
    {
        public readonly ImportCopyBuffer Professionals = new();
        public readonly ImportCopyBuffer Skills = new();
        public readonly HashSet<int> SkillIds = [];
        public int Rows;

        public void Clear()
        {
            Professionals.Clear();
            Skills.Clear();
            SkillIds.Clear();
            Rows = 0;
        }
    }
}
