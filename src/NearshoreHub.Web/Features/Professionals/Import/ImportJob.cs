namespace NearshoreHub.Web.Features.Professionals;

/// <summary>How far an import has read its file: bytes of the total and lines seen (quoted fields may span lines).</summary>
public readonly record struct ImportProgress(long BytesRead, long TotalBytes, long LinesRead);

public enum ImportJobState { Running, Finished, RolledBack, Failed }

/// <summary>How an import ended: its state, its result (none when the file could not be imported, then the error says why) and when.</summary>
public sealed record ImportJobEnd(ImportJobState State, ImportResult? Result, string? Error, DateTimeOffset At);

/// <summary>
/// One upload being imported in the background; read by its status page while it runs. Its end is published at once,
/// as one object: a page that reads the job while it ends sees it either running or ended, never ended without its result.
/// </summary>
public sealed class ImportJob(string id, string owner, string fileName, ImportMode mode, long totalBytes, DateTimeOffset startedAt)
{
    private long _bytesRead;
    private long _linesRead;
    private volatile ImportJobEnd? _end;

    public string Id { get; } = id;
    public string Owner { get; } = owner;
    public string FileName { get; } = fileName;
    public ImportMode Mode { get; } = mode;
    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>How the import ended; null while it runs. Read it once and use that copy: it may be set between two reads.</summary>
    public ImportJobEnd? End => _end;

    public ImportProgress Progress => new(Interlocked.Read(ref _bytesRead), totalBytes, Interlocked.Read(ref _linesRead));

    internal void Read(int bytes, int lines)
    {
        Interlocked.Add(ref _bytesRead, bytes);
        Interlocked.Add(ref _linesRead, lines);
    }

    internal void Finish(ImportJobState state, ImportResult? result, string? error, DateTimeOffset at) =>
        _end = new ImportJobEnd(state, result, error, at);
}
