using NodaTime;

namespace NearshoreHub.Matching.Tests;

/// <summary>Seeded random professionals and projects over a small skill universe, so filters and ties actually happen.</summary>
internal static class TestData
{
    public static readonly string[] ProfessionalZones =
    [
        "America/Sao_Paulo", "America/Argentina/Buenos_Aires", "America/Mexico_City", "America/Bogota",
        "America/Santiago", "America/Lima", "Asia/Manila", "America/New_York", "Europe/Lisbon", "America/Cancun",
    ];

    public static readonly string[] ClientZones = ["America/New_York", "America/Chicago", "America/Los_Angeles", "America/Denver"];

    public static readonly string[] Countries = ["BR", "AR", "MX", "CO", "CL", "PE", "PH", "US"];

    public static readonly SkillGraph Skills = new(
        [(1, 2, 0.8), (3, 4, 0.6), (5, 6, 0.5), (2, 7, 0.3), (8, 9, 0.7)],
        Enumerable.Range(1, 15).ToDictionary(i => i, i => $"Skill{i}"));

    public static OverlapCalculator Overlap { get; } = new(DateTimeZoneProviders.Tzdb);

    public static MatchScorer Scorer { get; } = new(Overlap, Skills);

    public static Guid RandomGuid(Random rng)
    {
        Span<byte> bytes = stackalloc byte[16];
        rng.NextBytes(bytes);
        return new Guid(bytes);
    }

    public static CandidateRecord Candidate(Random rng, Guid? id = null)
    {
        var start = new LocalTime(rng.Next(5, 12), rng.Next(2) * 30);
        var end = start.PlusHours(rng.Next(6, 11));
        if (end <= start)
        {
            end = new LocalTime(23, 30);
        }

        var skillCount = rng.Next(0, 7);
        var skills = Enumerable.Range(1, 15).OrderBy(_ => rng.Next()).Take(skillCount)
            .Select(s => new CandidateSkill(s, (byte)rng.Next(1, 6), (byte)rng.Next(0, 20)))
            .ToArray();
        return new CandidateRecord(
            id ?? RandomGuid(rng),
            rng.Next(10) < 8 ? ProfessionalStatus.Active : (ProfessionalStatus)rng.Next(3),
            ProfessionalZones[rng.Next(ProfessionalZones.Length)],
            start,
            end,
            rng.Next(4) == 0 ? (WorkDays)rng.Next(1, 128) : WorkDays.Weekdays,
            (EnglishLevel)rng.Next(1, 7),
            (Seniority)rng.Next(1, 5),
            rng.Next(20, 80) + (rng.Next(4) * 0.25m),
            new LocalDate(2027, 1, 1).PlusDays(rng.Next(0, 200)),
            Countries[rng.Next(Countries.Length)],
            (CitySize)rng.Next(3),
            rng.Next(4) == 0,
            skills);
    }

    public static ProjectQuery Project(Random rng, bool allowRequired = true)
    {
        var start = new LocalTime(rng.Next(7, 12), 0);
        var skills = Enumerable.Range(1, 15).OrderBy(_ => rng.Next()).Take(rng.Next(0, 7))
            .Select(s => new ProjectSkillRequirement(s, (byte)rng.Next(1, 6), allowRequired && rng.Next(4) == 0, 0.5 + rng.Next(6) * 0.5))
            .ToArray();
        var weights = rng.Next(3) == 0
            ? ScoreWeights.Default
            : new ScoreWeights(rng.Next(1, 10) / 10.0, rng.Next(1, 10) / 10.0, rng.Next(1, 10) / 10.0, rng.Next(1, 10) / 10.0, rng.Next(1, 10) / 10.0);
        return new ProjectQuery(
            ClientZones[rng.Next(ClientZones.Length)],
            start,
            start.PlusHours(rng.Next(4, 9)),
            rng.Next(5) == 0 ? WorkDays.Mon | WorkDays.Wed | WorkDays.Fri : WorkDays.Weekdays,
            rng.Next(0, 7) * 0.5,
            new LocalDate(2027, 1, 4).PlusDays(rng.Next(0, 330)),
            rng.Next(1, 13),
            skills,
            rng.Next(3) == 0 ? (EnglishLevel)rng.Next(1, 7) : null,
            null,
            rng.Next(2) == 0 ? rng.Next(30, 70) : null,
            null,
            weights);
    }

    /// <summary>The reference ranking: score every record one at a time, keep the eligible, sort.</summary>
    public static List<MatchEvaluation> BruteForce(ProjectQuery query, IEnumerable<CandidateRecord> candidates)
    {
        var evaluations = candidates.Select(c => Scorer.Evaluate(query, c)).Where(e => e.IsEligible).ToList();
        evaluations.Sort(MatchScorer.CompareRank);
        return evaluations;
    }

    public static CandidateIndex BuildIndex(IEnumerable<CandidateRecord> candidates)
    {
        var builder = new CandidateIndexBuilder(DateTimeZoneProviders.Tzdb, Skills);
        foreach (var c in candidates)
        {
            builder.Add(c);
        }

        return builder.Build();
    }
}
