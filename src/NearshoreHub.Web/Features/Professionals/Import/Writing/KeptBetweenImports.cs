namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// A few objects an import fills and empties again, kept for the next import instead of left to the collector: the
/// batches' and the new rows' chunks' COPY buffers (<see cref="Data.ImportCopyBuffer"/>) grow to megabytes, and new
/// ones for every import were 105 of the 280 MB a first import of 100,000 rows allocated (large-object heap, fresh
/// memory each time). Thread-safe; holds at most <paramref name="max"/>.
/// </summary>
internal sealed class KeptBetweenImports<T>(int max) where T : class
{
    private readonly Stack<T> _kept = new(max);

    public int Count
    {
        get
        {
            lock (_kept)
            {
                return _kept.Count;
            }
        }
    }

    /// <summary>One kept object, or null if none is left.</summary>
    public T? TryTake()
    {
        lock (_kept)
        {
            return _kept.TryPop(out var item) ? item : null;
        }
    }

    /// <summary>
    /// Brings the objects kept up to the bound, with new ones from <paramref name="create"/>, and runs
    /// <paramref name="prepare"/> on each, the ones kept already included (the warm-up, before the first import).
    /// </summary>
    public void Fill(Func<T> create, Action<T> prepare)
    {
        var items = new List<T>(max);
        while (TryTake() is { } kept)
        {
            items.Add(kept);
        }

        while (items.Count < max)
        {
            items.Add(create());
        }

        foreach (var item in items)
        {
            prepare(item);
            Keep(item);
        }
    }

    /// <summary>Keeps <paramref name="item"/> unless <paramref name="max"/> are kept already; returns whether it did.</summary>
    public bool Keep(T item)
    {
        lock (_kept)
        {
            if (_kept.Count >= max)
            {
                return false;
            }

            _kept.Push(item);
            return true;
        }
    }
}
