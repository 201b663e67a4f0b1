using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>What imports keep for the next one is bounded, and each kept object is handed out once.</summary>
public sealed class KeptBetweenImportsTests
{
    [Fact]
    public void It_keeps_at_most_its_bound_and_hands_each_kept_object_out_once()
    {
        var kept = new KeptBetweenImports<object>(3);
        var items = Enumerable.Range(0, 5).Select(_ => new object()).ToArray();

        var accepted = items.Select(kept.Keep).ToArray();

        Assert.Equal(new[] { true, true, true, false, false }, accepted);
        Assert.Equal(3, kept.Count);
        var taken = new[] { kept.TryTake(), kept.TryTake(), kept.TryTake() };
        Assert.Null(kept.TryTake());
        Assert.All(items[..3], item => Assert.Contains(item, taken));
        Assert.True(kept.Keep(items[4]));
        Assert.Same(items[4], kept.TryTake());
    }

    [Fact]
    public void Filling_tops_it_up_to_its_bound_and_prepares_the_kept_objects_too()
    {
        var kept = new KeptBetweenImports<List<int>>(3);
        var already = new List<int>();
        kept.Keep(already);
        var created = 0;

        kept.Fill(() => { created++; return []; }, list => list.Add(1));

        Assert.Equal(2, created);
        Assert.Equal(3, kept.Count);
        Assert.Equal([1], already);
        var all = new[] { kept.TryTake()!, kept.TryTake()!, kept.TryTake()! };
        Assert.Contains(already, all);
        Assert.All(all, list => Assert.Equal([1], list));
        Assert.Equal(3, all.Distinct().Count());
    }

    [Fact]
    public async Task Imports_keeping_and_taking_at_once_never_get_the_same_object_twice_nor_exceed_the_bound()
    {
        var kept = new KeptBetweenImports<object>(4);
        var handedOut = new System.Collections.Concurrent.ConcurrentDictionary<object, int>();
        var overBound = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                var item = kept.TryTake() ?? new object();
                Assert.True(handedOut.TryAdd(item, 0), "an object was handed out while another import held it");
                Assert.True(handedOut.TryRemove(item, out var _));
                kept.Keep(item);
                if (kept.Count > 4)
                {
                    Interlocked.Increment(ref overBound);
                }
            }
        })));

        Assert.Equal(0, overBound);
        Assert.InRange(kept.Count, 1, 4);
    }
}
