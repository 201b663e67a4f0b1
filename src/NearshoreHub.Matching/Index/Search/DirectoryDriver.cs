namespace NearshoreHub.Matching;

internal sealed record DirectoryDriver(ushort Code, byte MinLevel);
