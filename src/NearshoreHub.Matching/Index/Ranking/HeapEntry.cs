namespace NearshoreHub.Matching;

internal struct HeapEntry
{
    public long Key;
    public ulong Hi;
    public ulong Lo;

    /// <summary>Snapshot ordinal, or −(extra index + 1) for a candidate changed since the snapshot.</summary>
    public int Ref;

    /// <summary>Higher key first; equal keys by ascending id.</summary>
    public static bool Better(in HeapEntry a, in HeapEntry b) =>
        a.Key != b.Key ? a.Key > b.Key : a.Hi != b.Hi ? a.Hi < b.Hi : a.Lo < b.Lo;

    public static int CompareBestFirst(HeapEntry a, HeapEntry b) =>
        Better(a, b) ? -1 : Better(b, a) ? 1 : 0;
}
