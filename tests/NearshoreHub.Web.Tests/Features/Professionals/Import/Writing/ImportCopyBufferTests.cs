using System.Buffers.Binary;
using NearshoreHub.Web.Data;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// The import's COPY buffers grow without being cleared (GC.AllocateUninitializedArray): what they hold must still be
/// exactly what was written, in order, across every growth and after a Clear.
/// </summary>
public sealed class ImportCopyBufferTests
{
    [Fact]
    public void A_buffer_grown_many_times_holds_every_value_in_order()
    {
        var buffer = new ImportCopyBuffer();
        const int values = 200_000; // 8 bytes each: 1.6 MB, three growths past the first 256 KB

        for (var i = 0; i < values; i++)
        {
            buffer.Int32(i * 7);
        }

        Assert.Equal(values * 8, buffer.Length);
        var bytes = buffer.Written.Span;
        for (var i = 0; i < values; i++)
        {
            Assert.Equal(4, BinaryPrimitives.ReadInt32BigEndian(bytes[(i * 8)..]));
            Assert.Equal(i * 7, BinaryPrimitives.ReadInt32BigEndian(bytes[((i * 8) + 4)..]));
        }
    }

    [Fact]
    public void Rows_appended_across_a_growth_and_after_a_clear_come_out_as_they_went_in()
    {
        var row = new ImportCopyBuffer();
        row.StartRow(2);
        row.Text("Ana María, Recife");
        row.Numeric2(45.50m);
        var encoded = row.Written.ToArray();

        var chunk = new ImportCopyBuffer();
        var rows = ((512 * 1024) / encoded.Length) + 10;
        for (var round = 0; round < 2; round++)
        {
            chunk.Clear();
            for (var i = 0; i < rows; i++)
            {
                chunk.Append(encoded);
            }

            Assert.Equal(rows * encoded.Length, chunk.Length);
            for (var i = 0; i < rows; i++)
            {
                Assert.True(chunk.Written.Span.Slice(i * encoded.Length, encoded.Length).SequenceEqual(encoded), $"round {round}, row {i}");
            }
        }
    }

    [Fact]
    public void A_prepared_buffer_keeps_what_it_holds_and_takes_that_many_bytes_without_growing()
    {
        var buffer = new ImportCopyBuffer();
        buffer.Int32(42);
        buffer.Text("Campina Grande");
        var written = buffer.Written.ToArray();
        const int Prepared = 3 * 1024 * 1024; // past the first 256 KB, not a power of two of it

        buffer.Prepare(Prepared);

        Assert.Equal(Prepared, buffer.Capacity);
        Assert.Equal(written, buffer.Written.ToArray());
        while (buffer.Length + 8 <= Prepared)
        {
            buffer.Int32(buffer.Length);
        }

        Assert.Equal(Prepared, buffer.Capacity);
        Assert.Equal(written, buffer.Written[..written.Length].ToArray());
        Assert.Equal(written.Length, BinaryPrimitives.ReadInt32BigEndian(buffer.Written.Span[(written.Length + 4)..]));

        // Preparing for less than it holds changes nothing it holds.
        var full = buffer.Written.ToArray();
        buffer.Prepare(1024);
        Assert.Equal(Prepared, buffer.Capacity);
        Assert.Equal(full, buffer.Written.ToArray());
    }
}
