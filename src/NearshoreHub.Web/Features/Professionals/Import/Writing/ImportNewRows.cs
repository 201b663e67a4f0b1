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
/// professional_skills, their foreign keys checked once per skill id where the session may
/// (<see cref="ImportSql.CopySkillsAsync"/>). A lock wait or deadlock on another writer's row shows as that COPY, and
/// a conflict reads as one (<see cref="ImportSql.Conflict"/>). One chunk is written while the next fills; a failed
/// write surfaces at the next hand-over or at <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class ImportNewRows(NpgsqlConnection connection, ImportSizes sizes)
{
    private readonly HashSet<int> _checkedSkillIds = [];
    private Chunk _filling = new();
    private Chunk _written = new();
    private Task _writing = Task.CompletedTask;
    private int _chunks;

    /// <summary>True while a chunk is being written.</summary>
    public bool IsWriting => !_writing.IsCompleted;

    /// <summary>The ids of every row added, in file order.</summary>
    public List<Guid> InsertedIds { get; } = [];

    /// <summary>Time spent writing chunks (on the connection), of it the COPY into professionals and the skill rows, and time the router waited for a write to finish.</summary>
    public long WriteTicks { get; private set; }

    public long SkillTicks { get; private set; }

    public long ProfessionalsTicks { get; private set; }

    public long WaitTicks { get; private set; }

    /// <summary>When the first chunk began to be written (a <see cref="Stopwatch"/> timestamp; 0 if none was).</summary>
    public long FirstWriteAt { get; private set; }

    public void Add(ImportBatch batch, in ImportRow row)
    {
        _filling.Professionals.Append(batch.Copy.Written.Span[row.RowStart..row.RowEnd]);
        _filling.Skills.Append(batch.Skills.Written.Span[row.SkillStart..row.SkillEnd]);
        _filling.SkillIds.UnionWith(row.SkillIds);
        _filling.Rows++;
        InsertedIds.Add(row.Id);
    }

    /// <summary>Hands the chunk over once it is full.</summary>
    public Task FlushIfFullAsync(CancellationToken ct) =>
        _filling.Rows >= (_chunks == 0 ? sizes.FirstChunk : sizes.Chunk) ? HandOverAsync(ct) : Task.CompletedTask;

    /// <summary>Writes what is left and waits for every write.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_filling.Rows > 0)
        {
            await HandOverAsync(ct);
        }

        await WaitAsync();
    }

    /// <summary>After a failure elsewhere: lets the write in flight end (the connection is busy until then), ignoring its outcome.</summary>
    public async Task AbandonAsync()
    {
        try
        {
            await _writing;
        }
        catch (Exception e) when (e is PostgresException or NpgsqlException or DuplicateException or OperationCanceledException or InvalidOperationException)
        {
            // The failure being thrown already says what went wrong; the transaction rolls back.
        }
    }

    private async Task HandOverAsync(CancellationToken ct)
    {
        await WaitAsync();
        (_filling, _written) = (_written, _filling);
        _filling.Clear();
        _chunks++;
        _writing = WriteAsync(_written, ct);
    }

    private async Task WaitAsync()
    {
        var started = Stopwatch.GetTimestamp();
        await _writing;
        WaitTicks += Stopwatch.GetTimestamp() - started;
    }

    private async Task WriteAsync(Chunk chunk, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        if (FirstWriteAt == 0)
        {
            FirstWriteAt = started;
        }

        await ImportSql.CopyAsync(connection, ProfessionalsTable.CopyProfessionals, chunk.Professionals, ct);
        ProfessionalsTicks += Stopwatch.GetTimestamp() - started;
        var skills = Stopwatch.GetTimestamp();
        if (chunk.Skills.Length > 0)
        {
            chunk.SkillIds.ExceptWith(_checkedSkillIds);
            await ImportSql.CopySkillsAsync(connection, chunk.Skills, chunk.SkillIds, ct);
            _checkedSkillIds.UnionWith(chunk.SkillIds);
        }

        SkillTicks += Stopwatch.GetTimestamp() - skills;
        WriteTicks += Stopwatch.GetTimestamp() - started;
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
