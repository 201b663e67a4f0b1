using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

internal static class ProfileText
{
    /// <summary>Unix ticks of a record without a profile: it sorts first by last change, as if never changed.</summary>
    public const long NoUpdate = long.MinValue;

    /// <summary>The first 8 bytes of a name as a big-endian number: keys order as the names do, unless they are equal.</summary>
    public static ulong Key(ReadOnlySpan<byte> name)
    {
        Span<byte> bytes = stackalloc byte[8];
        bytes.Clear();
        name[..Math.Min(8, name.Length)].CopyTo(bytes);
        return BinaryPrimitives.ReadUInt64BigEndian(bytes);
    }

    public static (string Name, string After, long UpdatedAt) Split(CandidateProfile? profile) =>
        profile is null ? (string.Empty, string.Empty, NoUpdate) : (profile.Name, profile.Rest, profile.UpdatedAt.ToUnixTimeTicks());

    public static int RestId(IndexRegistries registries, ReadOnlySpan<char> rest) =>
        registries.Rests.TryGetText(rest, out var id) ? id : registries.Rests.GetOrAdd(rest.ToString());

    public static CandidateProfile? ToProfile(ReadOnlySpan<byte> name, string rest, long updatedAt)
    {
        if (updatedAt == NoUpdate && name.IsEmpty && rest.Length == 0)
        {
            return null;
        }

        var text = System.Text.Encoding.UTF8.GetString(name);
        return new CandidateProfile(text + rest, text.Length, updatedAt == NoUpdate ? Instant.MinValue : Instant.FromUnixTimeTicks(updatedAt));
    }
}
