namespace NearshoreHub.Matching.Tests;

/// <summary>The fold's sort (a sorted run, then the rest) must order exactly as a full sort does.</summary>
public class SortByKeyTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(1000, 0)] // already sorted
    [InlineData(1000, 1)]
    [InlineData(1000, 100)] // a long sorted run and a short tail: merged
    [InlineData(1000, 499)]
    [InlineData(1000, 600)] // a short run: sorted whole
    [InlineData(1000, 1000)]
    public void Keys_and_their_rows_come_out_as_a_full_sort_puts_them(int count, int tail)
    {
        var rng = new Random(count * 31 + tail);
        // Few distinct values, so equal keys meet within the run, within the tail and across the two.
        var head = Enumerable.Range(0, count - tail).Select(_ => new UInt128(0, (ulong)rng.Next(count / 3 + 1))).Order();
        var keys = head.Concat(Enumerable.Range(0, tail).Select(_ => new UInt128(0, (ulong)rng.Next(count / 3 + 1)))).ToArray();
        var order = Enumerable.Range(0, count).ToArray();
        var expected = keys.Select((key, row) => (key, row)).OrderBy(p => p.key).ThenBy(p => p.row).ToArray();

        CandidateIndexBuilder.SortByKey(keys, order);

        Assert.Equal(expected.Select(p => p.key), keys);
        // Rows of equal keys may come in any order, but each key keeps exactly its own rows.
        var actual = keys.Zip(order).OrderBy(p => p.First).ThenBy(p => p.Second).ToArray();
        Assert.Equal(expected, actual.Select(p => (p.First, p.Second)));
    }
}
