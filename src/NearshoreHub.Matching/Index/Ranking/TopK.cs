namespace NearshoreHub.Matching;

/// <summary>Keeps the best <see cref="Capacity"/> entries; the root is the worst kept entry.</summary>
internal sealed class TopK(int capacity)
{
    private readonly HeapEntry[] _items = new HeapEntry[capacity];
    private int _count;

    public int Capacity { get; } = capacity;

    public int Count => _count;

    public ReadOnlySpan<HeapEntry> Items => _items.AsSpan(0, _count);

    /// <summary>Whether an entry with this key could still enter (an equal key may win on id).</summary>
    public bool Accepts(long key) => _count < Capacity || (Capacity > 0 && key >= _items[0].Key);

    /// <summary>
    /// For a caller offering ids in ascending order: an equal key can no longer win its tie, because every kept
    /// entry has a lower id.
    /// </summary>
    public bool AcceptsInIdOrder(long key) => _count < Capacity || (Capacity > 0 && key > _items[0].Key);

    public void Offer(long key, ulong hi, ulong lo, int reference)
    {
        if (Capacity == 0)
        {
            return;
        }

        var entry = new HeapEntry { Key = key, Hi = hi, Lo = lo, Ref = reference };
        if (_count < Capacity)
        {
            _items[_count] = entry;
            SiftUp(_count++);
            return;
        }

        if (!HeapEntry.Better(entry, _items[0]))
        {
            return;
        }

        _items[0] = entry;
        SiftDown(0);
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!HeapEntry.Better(_items[parent], _items[i]))
            {
                break;
            }

            (_items[parent], _items[i]) = (_items[i], _items[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= _count)
            {
                return;
            }

            var worse = left;
            var right = left + 1;
            if (right < _count && HeapEntry.Better(_items[left], _items[right]))
            {
                worse = right;
            }

            if (!HeapEntry.Better(_items[i], _items[worse]))
            {
                return;
            }

            (_items[i], _items[worse]) = (_items[worse], _items[i]);
            i = worse;
        }
    }
}
