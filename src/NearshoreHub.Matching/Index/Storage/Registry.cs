using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>An append-only id table shared by every snapshot of one index; readers never lock.</summary>
internal sealed class Registry<T>
    where T : notnull
{
    private readonly Dictionary<T, int> _ids;
    private readonly Lock _lock = new();
    private T[] _items = new T[16];
    private int _count;

    public Registry(IEqualityComparer<T>? comparer = null) => _ids = new Dictionary<T, int>(comparer);

    public int Count => Volatile.Read(ref _count);

    /// <summary>Entries below <see cref="Count"/> (read first) are always valid.</summary>
    public T[] Items => Volatile.Read(ref _items);

    public int GetOrAdd(T value, int limit = int.MaxValue)
    {
        lock (_lock)
        {
            if (_ids.TryGetValue(value, out var id))
            {
                return id;
            }

            if (_count >= limit)
            {
                throw new InvalidOperationException($"The index supports at most {limit} distinct {typeof(T).Name} values.");
            }

            var items = _items;
            if (_count == items.Length)
            {
                var grown = new T[items.Length * 2];
                Array.Copy(items, grown, items.Length);
                items = grown;
            }

            items[_count] = value;
            Volatile.Write(ref _items, items);
            _ids.Add(value, _count);
            Volatile.Write(ref _count, _count + 1);
            return _count - 1;
        }
    }

    /// <summary>For a registry of strings: the id of known text without allocating a string for it.</summary>
    public bool TryGetText(ReadOnlySpan<char> text, out int id)
    {
        if (_ids is not Dictionary<string, int> strings)
        {
            throw new InvalidOperationException("Only a registry of strings looks up text.");
        }

        lock (_lock)
        {
            return strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out id);
        }
    }

    public bool TryGet(T value, out int id)
    {
        lock (_lock)
        {
            return _ids.TryGetValue(value, out id);
        }
    }
}
