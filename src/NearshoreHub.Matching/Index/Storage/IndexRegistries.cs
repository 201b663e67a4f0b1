using System.Buffers.Binary;
using NodaTime;

namespace NearshoreHub.Matching;

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
