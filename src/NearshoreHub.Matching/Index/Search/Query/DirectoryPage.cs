using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>The ids of one page in order, and how many professionals match in all.</summary>
public sealed record DirectoryPage(int Total, IReadOnlyList<Guid> Ids);
