using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

internal static class GuidOrder
{
    /// <summary>Splits a Guid into two big-endian halves whose unsigned order is the order of its canonical string.</summary>
    public static (ulong Hi, ulong Lo) Split(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return (BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    public static Guid Join(ulong hi, ulong lo)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, hi);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], lo);
        return new Guid(bytes, bigEndian: true);
    }
}
