using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

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
