using System.Text;
using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>
/// The reader shares one string per repeated value of a column (CsvFieldStrings): every field must still read as
/// exactly what the file holds, in columns of repeated values, of unique values, and across the point where a column
/// is judged.
/// </summary>
public sealed class CsvFieldStringsTests
{
    private static readonly string[] Zones = ["America/Recife", "America/Bogota", "America/Argentina/Cordoba"];

    private static string Expected(int row, int column) => column switch
    {
        0 => $"person.{row}@example.com",
        1 => Zones[row % Zones.Length],
        2 => row % 2 == 0 ? "" : "true",
        _ => row < 300 ? "B2" : $"level {row}",
    };

    [Fact]
    public async Task Every_field_reads_as_written_whether_its_column_repeats_or_not()
    {
        const int rows = 2_000;
        var file = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            file.Append(string.Join(',', Enumerable.Range(0, 4).Select(column => Expected(row, column)))).Append("\r\n");
        }

        var reader = new CsvRecordReader(new StringReader(file.ToString()));
        var fields = new List<string>();
        var zones = new HashSet<string>(ReferenceEqualityComparer.Instance);
        for (var row = 0; row < rows; row++)
        {
            Assert.True(await reader.ReadAsync(fields, CancellationToken.None));
            Assert.Equal(Enumerable.Range(0, 4).Select(column => Expected(row, column)), fields);
            zones.Add(fields[1]);
        }

        Assert.False(await reader.ReadAsync(fields, CancellationToken.None));

        // The repeated column came back as one string per value, not one per row.
        Assert.Equal(Zones.Length, zones.Count);
    }
}
