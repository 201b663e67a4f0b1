using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// The new rows' chunks grow from the first chunk's size, doubling, up to the chunk size: PostgreSQL starts on a small
/// chunk soon after the file starts arriving, and a large file costs few statements (docs/benchmarks.md, 2026-12-03).
/// </summary>
public sealed class ImportChunkSizeTests
{
    [Fact]
    public void Chunks_double_from_the_first_size_up_to_the_chunk_size()
    {
        var sizes = new ImportSizes(FirstBatch: 512, Batch: 1024, FirstChunk: 512, Chunk: 16_384);

        var rows = Enumerable.Range(0, 8).Select(chunk => ImportNewRows.ChunkRows(sizes, chunk)).ToArray();

        Assert.Equal([512, 1024, 2048, 4096, 8192, 16_384, 16_384, 16_384], rows);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void A_late_chunk_is_the_chunk_size_however_many_came_before(int chunk)
    {
        var sizes = new ImportSizes(FirstBatch: 512, Batch: 1024, FirstChunk: 512, Chunk: 16_384);

        Assert.Equal(16_384, ImportNewRows.ChunkRows(sizes, chunk));
    }

    [Fact]
    public void The_imports_sizes_ramp_up_and_the_rehearsals_stay_small()
    {
        // The import's first chunk is small and its later ones larger; the warm-up's rehearsals keep theirs small so the
        // code run once per chunk is called often enough for the JIT (ImportSizes.Rehearsal).
        Assert.Equal(ImportSizes.Import.FirstChunk, ImportNewRows.ChunkRows(ImportSizes.Import, 0));
        Assert.True(ImportSizes.Import.Chunk >= 8 * ImportSizes.Import.FirstChunk);
        Assert.Equal([128, 256, 256], Enumerable.Range(0, 3).Select(chunk => ImportNewRows.ChunkRows(ImportSizes.Rehearsal, chunk)));
    }

    [Theory]
    [InlineData(1, 1024, false, true)]
    [InlineData(1, 1023, false, false)]
    [InlineData(5, 16_383, false, false)]
    [InlineData(5, 16_384, false, true)]
    [InlineData(5, 2048, true, true)]
    [InlineData(5, 512, true, true)]
    [InlineData(5, 511, true, false)]
    [InlineData(0, 511, true, false)]
    public void A_chunk_goes_when_full_or_when_the_connection_has_nothing_left_to_write(int chunk, int rows, bool writerIdle, bool expected)
    {
        // A part-filled chunk goes early only once the writes before it have ended, and only with a first chunk's rows
        // at least: PostgreSQL does not wait while the router fills a doubled chunk, and a trickle of new rows among
        // unchanged ones does not become one COPY per batch. The first chunk always waits for its size.
        var sizes = new ImportSizes(FirstBatch: 512, Batch: 1024, FirstChunk: 512, Chunk: 16_384);

        Assert.Equal(expected, ImportNewRows.HandOverNow(sizes, chunk, rows, writerIdle));
    }
}
