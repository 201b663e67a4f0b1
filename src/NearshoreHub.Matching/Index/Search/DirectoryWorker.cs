namespace NearshoreHub.Matching;

/// <summary>One scan's count and either its best <c>capacity</c> hits (a heap whose root is the worst kept) or all of them.</summary>
internal sealed class DirectoryWorker(DirectoryOrder order, int capacity)
{
    private readonly List<DirectoryHit> _hits = [];

    public int Count { get; private set; }

    public IReadOnlyList<DirectoryHit> Hits => _hits;

    public void Offer(DirectoryHit hit)
    {
        Count++;
        if (capacity < 0 || _hits.Count < capacity)
        {
            _hits.Add(hit);
            if (capacity >= 0)
            {
                SiftUp(_hits.Count - 1);
            }

            return;
        }

        if (capacity == 0 || order.Compare(hit, _hits[0]) >= 0)
        {
            return;
        }

        _hits[0] = hit;
        SiftDown(0);
    }

    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (order.Compare(_hits[parent], _hits[i]) >= 0)
            {
                return;
            }

            (_hits[parent], _hits[i]) = (_hits[i], _hits[parent]);
            i = parent;
        }
    }

    private void SiftDown(int i)
    {
        var count = _hits.Count;
        while (true)
        {
            var worst = i;
            var left = (2 * i) + 1;
            var right = left + 1;
            if (left < count && order.Compare(_hits[left], _hits[worst]) > 0)
            {
                worst = left;
            }

            if (right < count && order.Compare(_hits[right], _hits[worst]) > 0)
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            (_hits[worst], _hits[i]) = (_hits[i], _hits[worst]);
            i = worst;
        }
    }
}
