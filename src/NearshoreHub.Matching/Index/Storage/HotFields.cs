using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>
/// The fields every ranking reads for every candidate it looks at, packed into 16 bytes: candidates reached through
/// posting lists are scattered over the columns, and one cache line per candidate instead of one per column is
/// most of the cost of looking at them.
/// </summary>
internal readonly struct HotFields(byte status, byte english, ushort country, byte citySize, byte rural, int group, int available)
{
    public readonly int Group = group;
    public readonly int Available = available;
    public readonly ushort Country = country;
    public readonly byte Status = status;
    public readonly byte English = english;
    public readonly byte CitySize = citySize;
    public readonly byte Rural = rural;
}
