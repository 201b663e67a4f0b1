namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// Ends reading with a 413 once more than the allowed bytes arrive, whatever the server's own limit does; and, given an
/// idle timeout, with a 408 when no byte arrives for that long. (The server's minimum data rate is averaged over the
/// whole body, so a client that sends most of a large file quickly and then stops passes it for hours.)
/// </summary>
internal sealed class LimitedReadStream(Stream inner, long limit, string what = "request body", TimeSpan? idleTimeout = null) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (idleTimeout is not { } idle)
        {
            return Count(await inner.ReadAsync(buffer, cancellationToken));
        }

        using var stalled = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stalled.CancelAfter(idle);
        try
        {
            return Count(await inner.ReadAsync(buffer, stalled.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BadHttpRequestException(
                $"No part of the {what} arrived for {idle.TotalSeconds:0} s.", StatusCodes.Status408RequestTimeout);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new BadHttpRequestException($"The {what} is larger than {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
