using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Tests.Professionals;

public sealed class CsvRecordReaderTests
{
    private static async Task<List<string>?> Next(CsvRecordReader reader)
    {
        var fields = new List<string>();
        return await reader.ReadAsync(fields, CancellationToken.None) ? fields : null;
    }

    [Fact]
    public async Task A_line_of_endless_empty_fields_is_a_format_error_instead_of_millions_of_fields_in_memory()
    {
        var reader = new CsvRecordReader(new StringReader("a,b\r\n" + new string(',', CsvRecordReader.MaxRecordLength) + "\r\nc,d\r\n"));

        Assert.Equal(["a", "b"], await Next(reader));
        var error = await Assert.ThrowsAsync<CsvFormatException>(() => Next(reader));
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public async Task A_wide_record_under_the_limit_is_read_so_the_import_can_reject_just_that_row()
    {
        var reader = new CsvRecordReader(new StringReader("a,b\r\n" + string.Join(',', Enumerable.Repeat("x", 10_000)) + "\r\nc,d\r\n"));

        Assert.Equal(["a", "b"], await Next(reader));
        Assert.Equal(10_000, (await Next(reader))!.Count);
        Assert.Equal(["c", "d"], await Next(reader));
        Assert.Null(await Next(reader));
    }
}
