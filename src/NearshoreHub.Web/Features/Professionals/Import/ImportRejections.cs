namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// The rejected rows of one import: counted completely, listed up to a limit by line, whatever order they are found
/// in (a repeated email is found only after the whole file was read): the latest line leaves first when an earlier one
/// comes in over the limit. Within one line, fields keep the order they were found in.
/// </summary>
internal sealed class ImportRejections(int maxListed)
{
    private readonly PriorityQueue<ImportRejection, (int Line, int Order)> _listed = new(
        Comparer<(int Line, int Order)>.Create((a, b) => b.CompareTo(a)));

    public int Count { get; private set; }

    public void Add(int line, string field, string message)
    {
        Count++;
        var key = (line, Count);
        if (_listed.Count < maxListed)
        {
            _listed.Enqueue(new ImportRejection(line, field, message), key);
        }
        else if (_listed.TryPeek(out _, out var latest) && key.CompareTo(latest) < 0)
        {
            _listed.EnqueueDequeue(new ImportRejection(line, field, message), key);
        }
    }

    /// <summary>The listed rejections by line.</summary>
    public List<ImportRejection> Listed() => _listed.UnorderedItems.OrderBy(r => r.Priority).Select(r => r.Element).ToList();
}
