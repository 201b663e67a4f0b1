using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>An append-only id table shared by every snapshot of one index; readers never lock.</summary>
internal sealed class Registry<T>
    where T : notnull
{
    private readonly Dictionary<T, int> _ids;
    private readonly Lock _lock = new();
    private T[] _items = new T[16];
    private int _count;

    public Registry(IEqualityComparer<T>? comparer = null) => _ids = new Dictionary<T, int>(comparer);

    public int Count => Volatile.Read(ref _count);

    /// <summary>Entries below <see cref="Count"/> (read first) are always valid.</summary>
    public T[] Items => Volatile.Read(ref _items);

    public int GetOrAdd(T value, int limit = int.MaxValue)
    {
        lock (_lock)
        {
            if (_ids.TryGetValue(value, out var id))
            {
                return id;
            }

            if (_count >= limit)
            {
                throw new InvalidOperationException($"The index supports at most {limit} distinct {typeof(T).Name} values.");
            }

            var items = _items;
            if (_count == items.Length)
            {
                var grown = new T[items.Length * 2];
                Array.Copy(items, grown, items.Length);
                items = grown;
            }

            items[_count] = value;
            Volatile.Write(ref _items, items);
            _ids.Add(value, _count);
            Volatile.Write(ref _count, _count + 1);
            return _count - 1;
        }
    }

    /// <summary>For a registry of strings: the id of known text without allocating a string for it.</summary>
    public bool TryGetText(ReadOnlySpan<char> text, out int id)
    {
        if (_ids is not Dictionary<string, int> strings)
        {
            throw new InvalidOperationException("Only a registry of strings looks up text.");
        }

        lock (_lock)
        {
            return strings.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(text, out id);
        }
    }

    public bool TryGet(T value, out int id)
    {
        lock (_lock)
        {
            return _ids.TryGetValue(value, out id);
        }
    }
}

internal readonly record struct ScheduleGroup(int Zone, long StartTick, long EndTick, WorkDays Days);

/// <summary>Lookup tables shared by all snapshots of one index: zones, countries, schedule groups and skill codes.</summary>
internal sealed class IndexRegistries(IDateTimeZoneProvider zones)
{
    private readonly Lock _zoneLock = new();
    private DateTimeZone[] _zoneObjects = new DateTimeZone[16];

    public IDateTimeZoneProvider Zones { get; } = zones;

    public Registry<string> ZoneIds { get; } = new(StringComparer.Ordinal);

    public Registry<string> Countries { get; } = new(StringComparer.Ordinal);

    public Registry<ScheduleGroup> Groups { get; } = new();

    public Registry<int> Skills { get; } = new();

    /// <summary>The searchable text after the name (headline, city …), interned: many people share it.</summary>
    public Registry<string> Rests { get; } = new(StringComparer.Ordinal);

    public int ZoneIndex(string zoneId)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        if (ZoneIds.TryGet(zoneId, out var known))
        {
            return known;
        }

        var zone = Zones.GetZoneOrNull(zoneId) ?? throw new ArgumentException($"Unknown time zone '{zoneId}'.", nameof(zoneId));
        lock (_zoneLock)
        {
            if (ZoneIds.TryGet(zoneId, out known))
            {
                return known;
            }

            // Publish the zone object before its id so a reader that sees the id always finds the zone.
            var next = ZoneIds.Count;
            var objects = _zoneObjects;
            if (next == objects.Length)
            {
                Array.Resize(ref objects, objects.Length * 2);
            }

            objects[next] = zone;
            Volatile.Write(ref _zoneObjects, objects);
            return ZoneIds.GetOrAdd(zoneId);
        }
    }

    public DateTimeZone Zone(int zoneIndex) => Volatile.Read(ref _zoneObjects)[zoneIndex];

    public int GroupOf(CandidateRecord record)
    {
        if (record.WorkStart >= record.WorkEnd)
        {
            throw new ArgumentException($"Candidate {record.Id}: working hours must start before they end.");
        }

        var zone = ZoneIndex(record.TimeZoneId);
        return Groups.GetOrAdd(new ScheduleGroup(zone, record.WorkStart.TickOfDay, record.WorkEnd.TickOfDay, record.WorkDays & WorkDays.All));
    }

    public ushort CountryOf(string country) => (ushort)Countries.GetOrAdd(country ?? string.Empty, ushort.MaxValue);

    public ushort SkillCode(int skillId) => (ushort)Skills.GetOrAdd(skillId, ushort.MaxValue);
}

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

/// <summary>
/// One immutable, columnar generation of the index. Ordinals follow id order, so ordinal order is the tie-break order
/// and lookups by id are a binary search.
/// </summary>
internal sealed class IndexSnapshot
{
    public required int Count { get; init; }

    public required ulong[] IdHi { get; init; }

    public required ulong[] IdLo { get; init; }

    public required byte[] Seniority { get; init; }

    public required decimal[] Rate { get; init; }

    public required int[] SkillStart { get; init; }

    public required ushort[] SkillCode { get; init; }

    public required byte[] SkillLevel { get; init; }

    public required byte[] SkillYears { get; init; }

    /// <summary>Per skill code: ascending ordinals holding the skill, and their levels.</summary>
    public required int[][] PostingOrdinals { get; init; }

    public required byte[][] PostingLevels { get; init; }

    public required CandidateCells Cells { get; init; }

    /// <summary>Status, English, country, city size, rural, group and availability, one struct per ordinal.</summary>
    public required HotFields[] Hot { get; init; }

    /// <summary>Every searchable name as UTF-8, in ordinal order, each followed by a zero byte so no match spans two.</summary>
    public required byte[] NameText { get; init; }

    /// <summary>Start of each ordinal's name in <see cref="NameText"/>; <c>NameStart[o + 1] - 1</c> is its end.</summary>
    public required int[] NameStart { get; init; }

    /// <summary>Per ordinal: the name's first 8 bytes, big-endian and zero-padded, so most name comparisons are one compare.</summary>
    public required ulong[] NameKey { get; init; }

    /// <summary>Per ordinal: the <see cref="IndexRegistries.Rests"/> id of the searchable text after the name.</summary>
    public required int[] Rest { get; init; }

    /// <summary>Per ordinal: last change as Unix ticks.</summary>
    public required long[] UpdatedAt { get; init; }

    public ReadOnlySpan<byte> Name(int ordinal) => NameText.AsSpan(NameStart[ordinal], NameStart[ordinal + 1] - NameStart[ordinal] - 1);

    public ReadOnlySpan<int> Postings(int code) => code < PostingOrdinals.Length ? PostingOrdinals[code] : [];

    public ReadOnlySpan<byte> PostingLevelsOf(int code) => code < PostingLevels.Length ? PostingLevels[code] : [];

    public int Find(ulong hi, ulong lo)
    {
        int left = 0, right = Count - 1;
        while (left <= right)
        {
            var mid = (int)((uint)(left + right) >> 1);
            var h = IdHi[mid];
            var cmp = h != hi ? (h < hi ? -1 : 1) : IdLo[mid] == lo ? 0 : IdLo[mid] < lo ? -1 : 1;
            if (cmp == 0)
            {
                return mid;
            }

            if (cmp < 0)
            {
                left = mid + 1;
            }
            else
            {
                right = mid - 1;
            }
        }

        return -1;
    }

    public CandidateRecord ToRecord(int ordinal, IndexRegistries registries)
    {
        ref readonly var hot = ref Hot[ordinal];
        var group = registries.Groups.Items[hot.Group];
        var skills = new CandidateSkill[SkillStart[ordinal + 1] - SkillStart[ordinal]];
        var skillIds = registries.Skills.Items;
        for (var k = 0; k < skills.Length; k++)
        {
            var at = SkillStart[ordinal] + k;
            skills[k] = new CandidateSkill(skillIds[SkillCode[at]], SkillLevel[at], SkillYears[at]);
        }

        return new CandidateRecord(
            GuidOrder.Join(IdHi[ordinal], IdLo[ordinal]),
            (CandidateStatus)hot.Status,
            registries.ZoneIds.Items[group.Zone],
            LocalTime.FromTicksSinceMidnight(group.StartTick),
            LocalTime.FromTicksSinceMidnight(group.EndTick),
            group.Days,
            (EnglishLevel)hot.English,
            (Seniority)Seniority[ordinal],
            Rate[ordinal],
            LocalDate.FromDateOnly(DateOnly.FromDayNumber(hot.Available + 719_162)),
            registries.Countries.Items[hot.Country],
            (CitySize)hot.CitySize,
            hot.Rural != 0,
            skills)
        {
            Profile = ProfileText.ToProfile(Name(ordinal), registries.Rests.Items[Rest[ordinal]], UpdatedAt[ordinal]),
        };
    }
}

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

/// <summary>A candidate added or changed since the snapshot was built.</summary>
internal sealed class ExtraCandidate
{
    public ExtraCandidate(CandidateRecord record, IndexRegistries registries)
    {
        Record = record;
        (Hi, Lo) = GuidOrder.Split(record.Id);
        Group = registries.GroupOf(record);
        Country = registries.CountryOf(record.Country);
        Available = OverlapMath.EpochDay(record.AvailableFrom);
        var (codes, levels, _) = CandidateIndexBuilder.NormalizeSkills(record.Skills, registries);
        Codes = codes;
        Levels = levels;
        var (name, rest, updatedAt) = ProfileText.Split(record.Profile);
        Name = System.Text.Encoding.UTF8.GetBytes(name);
        NameKey = ProfileText.Key(Name);
        Rest = registries.Rests.GetOrAdd(rest);
        UpdatedAt = updatedAt;
    }

    /// <summary>The searchable name as UTF-8.</summary>
    public byte[] Name { get; }

    public ulong NameKey { get; }

    public int Rest { get; }

    public long UpdatedAt { get; }

    public CandidateRecord Record { get; }

    public ulong Hi { get; }

    public ulong Lo { get; }

    public int Group { get; }

    public ushort Country { get; }

    public int Available { get; }

    public ushort[] Codes { get; }

    public byte[] Levels { get; }
}

/// <summary>Tombstones for snapshot ordinals, copy-on-write in 32 768-ordinal chunks.</summary>
internal sealed class Tombstones
{
    private const int ChunkBits = 15;
    private const int WordsPerChunk = (1 << ChunkBits) / 64;
    private readonly ulong[]?[] _chunks;

    private Tombstones(ulong[]?[] chunks, int count)
    {
        _chunks = chunks;
        Count = count;
    }

    public int Count { get; }

    public static Tombstones Empty(int ordinals) => new(new ulong[]?[(ordinals >> ChunkBits) + 1], 0);

    public bool Contains(int ordinal)
    {
        var chunk = _chunks[ordinal >> ChunkBits];
        return chunk is not null && (chunk[(ordinal >> 6) & (WordsPerChunk - 1)] & (1UL << ordinal)) != 0;
    }

    public IEnumerable<int> Ordinals()
    {
        for (var c = 0; c < _chunks.Length; c++)
        {
            if (_chunks[c] is not { } chunk)
            {
                continue;
            }

            for (var w = 0; w < chunk.Length; w++)
            {
                var word = chunk[w];
                while (word != 0)
                {
                    yield return (c << ChunkBits) + (w << 6) + System.Numerics.BitOperations.TrailingZeroCount(word);
                    word &= word - 1;
                }
            }
        }
    }

    public Tombstones With(int ordinal)
    {
        if (Contains(ordinal))
        {
            return this;
        }

        var chunks = (ulong[]?[])_chunks.Clone();
        var index = ordinal >> ChunkBits;
        var chunk = chunks[index] is { } existing ? (ulong[])existing.Clone() : new ulong[WordsPerChunk];
        chunk[(ordinal >> 6) & (WordsPerChunk - 1)] |= 1UL << ordinal;
        chunks[index] = chunk;
        return new Tombstones(chunks, Count + 1);
    }
}

/// <summary>What readers see: an immutable snapshot plus the changes since it; swapped atomically by writers.</summary>
internal sealed record IndexState(IndexSnapshot Snapshot, Tombstones Removed, ExtraCandidate[] Extras, Dictionary<Guid, int> ExtraPositions);
