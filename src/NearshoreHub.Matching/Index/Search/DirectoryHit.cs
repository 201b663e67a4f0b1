namespace NearshoreHub.Matching;

/// <summary>A match: snapshot ordinal, or −(extra index + 1); relevance is only computed for the relevance order.</summary>
internal readonly record struct DirectoryHit(int Ref, int Relevance);
