using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Security.Cryptography;
using System.Text;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Data;

/// <summary>
/// A digest of every column the import writes plus the skill list, stored with the row (<c>import_hash</c>), so the
/// import's plan compares one value instead of every column and an aggregate of the skills. Every writer of a
/// professional or its skills must set it from the values it stores (the API does through
/// ProfessionalMapping.Apply in Features/Professionals) or set it to null, which means "unknown: compare the columns".
/// </summary>
/// <remarks>
/// Values are encoded as PostgreSQL stores them: the rate at its two decimals (45.5 and 45.50 are one value), times
/// at microseconds (what Npgsql sends), text length-prefixed so no two field lists encode alike. SHA-256 cut to
/// 128 bits: a collision (an update reported as unchanged) is not a practical concern.
/// <para>
/// Since 2026-12-04 the digest has two more parts after those 16 bytes (<see cref="Length"/>): XXH3 of the skill
/// list alone (ids, levels, years) and XXH3 of its skill ids alone, so an import that finds a row changed also knows
/// whether its skills changed, and whether their set did, without reading them (<see cref="CompareSkills"/>). The
/// first 16 bytes are computed as before, so digests stored earlier still tell an unchanged row (<see cref="SameRow"/>);
/// their skills count as unknown until the row is written again.
/// </para>
/// <para>
/// Since 2026-12-04 (evening) a fourth part follows: XXH3 of the columns PostgreSQL computes the stored generated columns from
/// (full_name, headline and city for search_text, city_population for city_size), so an import that finds a row
/// changed also knows whether those did (<see cref="SameGeneratedInputs"/>). Where they did not, its update leaves them
/// out and PostgreSQL computes neither generated column again (ImportUpdate). A digest without the part says nothing.
/// </para>
/// </remarks>
public static class ProfessionalImportHash
{
    /// <summary>Bumped when the encoding changes, so old digests can never equal new ones.</summary>
    private const byte Format = 1;

    /// <summary>
    /// The whole digest: the row (<see cref="RowLength"/> bytes), then its skill list, its skill ids and the generated
    /// columns' inputs (8 bytes each).
    /// </summary>
    public const int Length = RowLength + 24;

    /// <summary>The part that covers everything: equal means unchanged. A digest stored before 2026-12-04 has only this part.</summary>
    public const int RowLength = 16;

    private const int ListAt = RowLength, IdsAt = RowLength + 8, InputsAt = RowLength + 16;

    /// <summary>
    /// Whether a stored row's digest and the file's (both for rows that differ, <see cref="SameRow"/>) say that its skills
    /// are the same, that only levels or years differ, or that the set of skills differs; a digest from before the skill
    /// parts says nothing about them.
    /// </summary>
    public static ImportSkillChange CompareSkills(ReadOnlySpan<byte> stored, ReadOnlySpan<byte> file) =>
        stored.Length < InputsAt || file.Length < InputsAt ? ImportSkillChange.Unknown
        : !stored[IdsAt..InputsAt].SequenceEqual(file[IdsAt..InputsAt]) ? ImportSkillChange.Set
        : !stored[ListAt..IdsAt].SequenceEqual(file[ListAt..IdsAt]) ? ImportSkillChange.Levels
        : ImportSkillChange.None;

    /// <summary>Whether two digests (either of them possibly from before the skill parts) describe the same row.</summary>
    public static bool SameRow(ReadOnlySpan<byte> stored, ReadOnlySpan<byte> file) =>
        stored.Length >= RowLength && file.Length >= RowLength && stored[..RowLength].SequenceEqual(file[..RowLength]);

    /// <summary>
    /// Whether two digests say that the columns the generated ones are computed from (full_name, headline, city,
    /// city_population) are the same; false when either digest predates that part.
    /// </summary>
    public static bool SameGeneratedInputs(ReadOnlySpan<byte> stored, ReadOnlySpan<byte> file) =>
        stored.Length >= Length && file.Length >= Length && stored[InputsAt..Length].SequenceEqual(file[InputsAt..Length]);

    [ThreadStatic]
    private static IncrementalHash? _sha256;

    public static byte[] Of(Professional p)
    {
        var skills = p.Skills.Count <= 64 ? stackalloc (int, short, short)[p.Skills.Count] : new (int, short, short)[p.Skills.Count];
        for (var i = 0; i < skills.Length; i++)
        {
            var s = p.Skills[i];
            skills[i] = (s.SkillId, s.Level, s.Years);
        }

        SortBySkill(skills);
        return Of(p, skills);
    }

    /// <summary>Skills as (id, level, years), in the order the digest reads them: by skill id.</summary>
    public static void SortBySkill(Span<(int SkillId, short Level, short Years)> skills) => skills.Sort(static (a, b) => a.SkillId.CompareTo(b.SkillId));

    /// <summary>
    /// The digest of <paramref name="p"/>'s columns with <paramref name="skills"/> as its skills (ordered by
    /// <see cref="SortBySkill"/>); <paramref name="p"/>'s own skill list is not read. The import builds no skill entities.
    /// </summary>
    public static byte[] Of(Professional p, ReadOnlySpan<(int SkillId, short Level, short Years)> skills)
    {
        var size = 1 + 64 + (8 * 4) + (skills.Length * 12) + (2 * (Utf8(p.FullName) + Utf8(p.Headline) + Utf8(p.City))) + Utf8(p.Email)
            + Utf8(p.NormalizedEmail) + Utf8(p.Country) + Utf8(p.TimeZone) + 4;
        var rented = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            var writer = new Writer(rented);
            writer.Byte(Format);
            writer.Text(p.FullName);
            writer.Text(p.Email);
            writer.Text(p.NormalizedEmail);
            writer.Text(p.Headline);
            writer.Text(p.Country);
            writer.Text(p.City);
            writer.Int(p.CityPopulation);
            writer.Byte(p.IsRural ? (byte)1 : (byte)0);
            writer.Text(p.TimeZone);
            writer.Long(p.WorkStart.Ticks / 10);
            writer.Long(p.WorkEnd.Ticks / 10);
            writer.Int(p.WorkDays);
            writer.Int((int)p.EnglishLevel);
            writer.Int((int)p.Seniority);
            // numeric(10,2): the value at two decimals; the validator rejects anything finer.
            writer.Long(decimal.ToInt64(decimal.Round(p.HourlyRateUsd * 100m, 0, MidpointRounding.ToEven)));
            writer.Int(p.AvailableFrom.DayNumber);
            writer.Int(p.HoursPerWeek);
            writer.Int((int)p.Status);
            var list = writer.Position;
            writer.Int(skills.Length);
            foreach (var (id, level, years) in skills)
            {
                writer.Int(id);
                writer.Int((level << 16) | (ushort)years);
            }

            var ids = writer.Position;
            foreach (var (id, _, _) in skills)
            {
                writer.Int(id);
            }

            // The generated columns' inputs again, after what the SHA-256 covers, for their own part.
            var inputs = writer.Position;
            writer.Text(p.FullName);
            writer.Text(p.Headline);
            writer.Text(p.City);
            writer.Int(p.CityPopulation);

            var result = new byte[Length];
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            // One hasher per thread: the one-shot SHA256.HashData set up a new OpenSSL context per row (measured as
            // a sizeable part of the import's check).
            var sha = _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(rented.AsSpan(0, ids));
            sha.GetHashAndReset(digest);
            digest[..RowLength].CopyTo(result);
            BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(ListAt), XxHash3.HashToUInt64(rented.AsSpan(list, ids - list)));
            BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(IdsAt), XxHash3.HashToUInt64(rented.AsSpan(ids, inputs - ids)));
            BinaryPrimitives.WriteUInt64LittleEndian(result.AsSpan(InputsAt), XxHash3.HashToUInt64(rented.AsSpan(inputs, writer.Position - inputs)));
            return result;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static int Utf8(string text) => 4 + Encoding.UTF8.GetByteCount(text);

    private ref struct Writer(byte[] buffer)
    {
        public int Position;

        public void Byte(byte value) => buffer[Position++] = value;

        public void Int(int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(Position), value);
            Position += 4;
        }

        public void Long(long value)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer.AsSpan(Position), value);
            Position += 8;
        }

        public void Text(string value)
        {
            var length = Encoding.UTF8.GetBytes(value, buffer.AsSpan(Position + 4));
            Int(length);
            Position += length;
        }
    }
}

/// <summary>What two digests of one professional say about its skills (<see cref="ProfessionalImportHash.CompareSkills"/>).</summary>
public enum ImportSkillChange
{
    /// <summary>The same skills, levels and years.</summary>
    None,

    /// <summary>The same skills; some level or years differs.</summary>
    Levels,

    /// <summary>The set of skills differs (and perhaps levels or years of the ones both list).</summary>
    Set,

    /// <summary>The stored digest predates its skill parts: compare the stored skill rows.</summary>
    Unknown,
}
