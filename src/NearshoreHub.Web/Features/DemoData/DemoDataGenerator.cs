using System.Runtime.InteropServices;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Features.DemoData;

/// <summary>One seeded professional in the shape the COPY writer sends; strings shared where rows repeat them.</summary>
internal struct DemoProfessionalRow
{
    public Guid Id;
    public string FullName;
    public string Email;
    public string NormalizedEmail;
    public string Headline;
    public string Country;
    public string City;
    public int CityPopulation;
    public bool IsRural;
    public string TimeZone;
    public TimeOnly WorkStart;
    public TimeOnly WorkEnd;
    public short WorkDays;
    public string EnglishLevel;
    public string Seniority;
    public decimal HourlyRateUsd;
    public DateOnly AvailableFrom;
    public int HoursPerWeek;
    public string Status;
    public byte[] ImportHash;
}

internal struct DemoSkillRow
{
    public Guid ProfessionalId;
    public int SkillId;
    public short Level;
    public short Years;
}

internal sealed class DemoProfessionalBatch(int capacity)
{
    public DemoProfessionalRow[] Professionals { get; } = new DemoProfessionalRow[capacity];

    public int Count { get; set; }

    public List<DemoSkillRow> Skills { get; } = new(capacity * 12);
}

/// <summary>
/// Makes realistic professionals. Every batch has its own random stream derived from the run seed and the
/// batch number, so a run is reproducible (apart from ids and timestamps) whatever the batch timing.
/// </summary>
internal sealed class DemoDataGenerator(DemoDataReference reference, int runSeed, long firstEmailNumber, DateTimeOffset runStart)
{
    private readonly DateTimeOffset _runStart = runStart;
    private readonly DateOnly _today = DateOnly.FromDateTime(runStart.UtcDateTime);

    // Stored enum names, as EF writes them (the DbContext converts enums to strings).
    private static readonly string[] EnglishNames = Enum.GetNames<EnglishLevel>();
    private static readonly string[] SeniorityNames = Enum.GetNames<Seniority>();
    private static readonly string Active = nameof(ProfessionalStatus.Active);
    private static readonly string Placed = nameof(ProfessionalStatus.Placed);
    private static readonly string Inactive = nameof(ProfessionalStatus.Inactive);

    private const short MonToFri = 31;
    private const short MonToSat = 63;
    private const short TueToSat = 62;
    private const short MonToThu = 15;

    // Share of people in a town (< 100,000) who live outside its urban area.
    private const int RuralPercentInTowns = 35;
    private const int RuralPercentInCities = 3;

    /// <summary>Fills <paramref name="batch"/> with the professionals numbered [start, start + count) of this run.</summary>
    public void Fill(DemoProfessionalBatch batch, long start, int count, int batchNumber)
    {
        var random = new Random(Mix(runSeed, batchNumber));
        batch.Count = count;
        batch.Skills.Clear();
        var picked = new HashSet<int>();
        for (var i = 0; i < count; i++)
        {
            ref var row = ref batch.Professionals[i];
            var city = reference.Cities[DemoDataReference.Pick(reference.CityCumulative, random)];
            var role = reference.Roles[DemoDataReference.Pick(reference.RoleCumulative, random)];
            var seniority = DemoDataReference.Pick(reference.SeniorityCumulative, random);
            var (fullName, localPart) = city.Names.Next(random);

            row.Id = SequentialId(firstEmailNumber + start + i, random);
            row.FullName = fullName;
            row.Email = $"{localPart}.{firstEmailNumber + start + i}@example.com";
            row.NormalizedEmail = row.Email.ToUpperInvariant();
            row.Headline = role.Headlines[seniority];
            row.Country = city.Country;
            row.City = city.Name;
            row.CityPopulation = city.Population;
            row.IsRural = random.Next(100) < (city.IsTown ? RuralPercentInTowns : city.Population < 1_000_000 ? RuralPercentInCities : 0);
            row.TimeZone = city.TimeZone;
            row.Seniority = SeniorityNames[seniority];
            row.EnglishLevel = EnglishNames[EnglishFor(seniority, random)];
            var (rateMin, rateMax) = role.RateBySeniority[seniority];
            row.HourlyRateUsd = random.Next(rateMin * 2, rateMax * 2 + 1) / 2m;
            row.AvailableFrom = _today.AddDays(random.Next(0, 91));
            SetSchedule(ref row, random);
            var status = random.Next(100);
            row.Status = status < 86 ? Active : status < 95 ? Placed : Inactive;

            var firstSkill = batch.Skills.Count;
            AddSkills(batch.Skills, row.Id, role, seniority, random, picked);
            row.ImportHash = ImportHashOf(row, CollectionsMarshal.AsSpan(batch.Skills)[firstSkill..]);
        }
    }

    /// <summary>
    /// Combines two seeds into one, the same in every process (SplitMix64's finaliser). HashCode.Combine would not
    /// do: .NET randomises it per process, which made every first run draw different people.
    /// </summary>
    internal static int Mix(int seed, long value)
    {
        var z = unchecked(((ulong)(uint)seed << 32 ^ (ulong)value) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    /// <summary>
    /// The digest the import compares (<see cref="ProfessionalImportHash"/>), from the values as stored: a seeded
    /// person's row exported and imported again is then known unchanged by one comparison, not by every column and an
    /// aggregate of the skills (2.2 million such rows took 26.6 s of a 45 s import without it).
    /// </summary>
    private static byte[] ImportHashOf(in DemoProfessionalRow row, ReadOnlySpan<DemoSkillRow> skills)
    {
        var professional = new Professional
        {
            FullName = row.FullName,
            Email = row.Email,
            NormalizedEmail = row.NormalizedEmail,
            Headline = row.Headline,
            Country = row.Country,
            City = row.City,
            CityPopulation = row.CityPopulation,
            IsRural = row.IsRural,
            TimeZone = row.TimeZone,
            WorkStart = row.WorkStart,
            WorkEnd = row.WorkEnd,
            WorkDays = row.WorkDays,
            EnglishLevel = Enum.Parse<EnglishLevel>(row.EnglishLevel),
            Seniority = Enum.Parse<Seniority>(row.Seniority),
            HourlyRateUsd = row.HourlyRateUsd,
            AvailableFrom = row.AvailableFrom,
            HoursPerWeek = row.HoursPerWeek,
            Status = Enum.Parse<ProfessionalStatus>(row.Status),
            Skills = new List<ProfessionalSkill>(skills.Length),
        };
        foreach (var skill in skills)
        {
            professional.Skills.Add(new ProfessionalSkill { SkillId = skill.SkillId, Level = skill.Level, Years = skill.Years });
        }

        return ProfessionalImportHash.Of(professional);
    }

    /// <summary>
    /// A version 7 UUID whose 74 "random" bits start with the person's sequence number (RFC 9562's fixed
    /// counter method), so ids rise strictly in the order rows are written: each B-tree then only ever grows
    /// at its right edge and stays densely packed, where Guid.CreateVersion7 ids made 2.2 million rows'
    /// primary keys half again as big. The sequence is unique across runs (it is the email number).
    /// </summary>
    private Guid SequentialId(long sequence, Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        var millis = (ulong)_runStart.ToUnixTimeMilliseconds();
        // 40 bits of sequence (a trillion people) then 34 random bits.
        var counter = ((UInt128)(ulong)sequence << 34) | (UInt128)(ulong)random.NextInt64(1L << 34);
        bytes[0] = (byte)(millis >> 40);
        bytes[1] = (byte)(millis >> 32);
        bytes[2] = (byte)(millis >> 24);
        bytes[3] = (byte)(millis >> 16);
        bytes[4] = (byte)(millis >> 8);
        bytes[5] = (byte)millis;
        var randA = (ushort)(counter >> 62);
        bytes[6] = (byte)(0x70 | ((randA >> 8) & 0x0F));
        bytes[7] = (byte)randA;
        var randB = (ulong)(counter & ((1UL << 62) - 1));
        bytes[8] = (byte)(0x80 | ((randB >> 56) & 0x3F));
        for (var b = 9; b < 16; b++)
        {
            bytes[b] = (byte)(randB >> (8 * (15 - b)));
        }

        return new Guid(bytes, bigEndian: true);
    }

    // Seniors and leads have worked with US teams longer: nudge their English up a band now and then.
    private int EnglishFor(int seniority, Random random)
    {
        var level = DemoDataReference.Pick(reference.EnglishCumulative, random);
        return seniority >= 2 && level < EnglishNames.Length - 1 && random.Next(100) < 20 ? level + 1 : level;
    }

    private static void SetSchedule(ref DemoProfessionalRow row, Random random)
    {
        var hours = random.Next(100);
        row.HoursPerWeek = hours < 74 ? 40 : hours < 88 ? 30 : 20;
        var roll = random.Next(100);
        (int start, int end) = row.HoursPerWeek switch
        {
            40 => roll switch
            {
                < 50 => (9, 18),
                < 82 => (8, 17),
                < 88 => (7, 16),
                < 94 => (10, 19),
                // Some people already work US hours from home.
                _ => (11, 20),
            },
            30 => roll < 60 ? (9, 15) : roll < 85 ? (8, 14) : (13, 19),
            _ => roll < 45 ? (8, 12) : roll < 80 ? (14, 18) : (18, 22),
        };
        row.WorkStart = new TimeOnly(start, random.Next(100) < 8 ? 30 : 0);
        row.WorkEnd = new TimeOnly(end, row.WorkStart.Minute);
        var days = random.Next(100);
        row.WorkDays = days < 88 ? MonToFri : days < 94 ? MonToSat : days < 98 ? TueToSat : MonToThu;
    }

    private void AddSkills(List<DemoSkillRow> skills, Guid professionalId, DemoRole role, int seniority, Random random, HashSet<int> picked)
    {
        picked.Clear();
        var (levelMin, levelMax) = reference.LevelBySeniority[seniority];
        var (yearsMin, yearsMax) = reference.YearsBySeniority[seniority];
        foreach (var skill in role.Core)
        {
            if (picked.Add(skill.Id))
            {
                skills.Add(new DemoSkillRow
                {
                    ProfessionalId = professionalId,
                    SkillId = skill.Id,
                    Level = (short)random.Next(levelMin, levelMax + 1),
                    Years = (short)random.Next(yearsMin, yearsMax + 1),
                });
            }
        }

        foreach (var skill in role.Optional)
        {
            if (random.NextDouble() < skill.Probability && picked.Add(skill.Id))
            {
                // Side skills trail the core ones: a level lower at times, and fewer years.
                skills.Add(new DemoSkillRow
                {
                    ProfessionalId = professionalId,
                    SkillId = skill.Id,
                    Level = (short)Math.Max(1, random.Next(levelMin, levelMax + 1) - random.Next(2)),
                    Years = (short)random.Next(Math.Max(0, yearsMin - 1), Math.Max(yearsMin, yearsMax - 1) + 1),
                });
            }
        }

        if (picked.Count == 0)
        {
            var fallback = role.Optional[random.Next(role.Optional.Length)];
            skills.Add(new DemoSkillRow { ProfessionalId = professionalId, SkillId = fallback.Id, Level = (short)levelMin, Years = (short)yearsMin });
        }
    }
}
