using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

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
            (ProfessionalStatus)hot.Status,
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
