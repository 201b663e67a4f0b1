using NodaTime;

namespace NearshoreHub.Matching.Tests;

/// <summary>
/// The funnel's nudge (product spec §13) on pools built so that each relaxation lets in a known group of town
/// professionals who outscore the metro ones: the answer is known by construction.
/// </summary>
public sealed class RepresentationNudgeTests
{
    private const int S1 = 1;
    private const int S2 = 3;
    private static readonly LocalDate Start = new(2027, 3, 1);
    private int _next;

    // Skills decide the score; the other weights only settle the metro-versus-weak-town order by availability.
    private static readonly ProjectQuery Project = new(
        "America/New_York", new LocalTime(9, 0), new LocalTime(17, 0), WorkDays.Weekdays, 4, Start, 4,
        [new ProjectSkillRequirement(S1, 3, Required: true), new ProjectSkillRequirement(S2, 3, Required: false)],
        EnglishLevel.B2, null, null, null, new ScoreWeights(1, 0.001, 0.001, 0.001, 0.01));

    private CandidateRecord Person(CitySize size, bool rural, byte s1, byte s2, EnglishLevel english = EnglishLevel.C1,
        LocalTime? end = null, int lateDays = 0)
    {
        var skills = new List<CandidateSkill>();
        if (s1 > 0)
        {
            skills.Add(new CandidateSkill(S1, s1, 5));
        }

        if (s2 > 0)
        {
            skills.Add(new CandidateSkill(S2, s2, 5));
        }

        var id = new Guid(++_next, 0, 0, [0, 0, 0, 0, 0, 0, 0, 0]);
        return new CandidateRecord(id, ProfessionalStatus.Active, "America/New_York", new LocalTime(9, 0), end ?? new LocalTime(17, 0),
            WorkDays.Weekdays, english, Seniority.Senior, 40, Start.PlusDays(lateDays), "BR", size, rural, skills);
    }

    /// <summary>
    /// 10 metro (S1 at the minimum, no S2) and 10 weak town people (the same, but available late) are eligible; the top 5
    /// is all metro, the pool half town. Behind each filter waits a group of strong town people: <paramref name="overlap"/>
    /// with 3.5 h of overlap, <paramref name="english"/> with B1, <paramref name="skill"/> with S1 below its minimum.
    /// </summary>
    private List<CandidateRecord> Pool(int overlap, int english, int skill)
    {
        var people = new List<CandidateRecord>();
        people.AddRange(Enumerable.Range(0, 10).Select(_ => Person(CitySize.Metro, false, 3, 0)));
        people.AddRange(Enumerable.Range(0, 10).Select(_ => Person(CitySize.Town, false, 3, 0, lateDays: 60)));
        people.AddRange(Enumerable.Range(0, overlap).Select(_ => Person(CitySize.Town, false, 5, 5, end: new LocalTime(12, 30))));
        people.AddRange(Enumerable.Range(0, english).Select(_ => Person(CitySize.Town, false, 5, 5, english: EnglishLevel.B1)));
        // Rural in a metro area: counted once as town-or-rural.
        people.AddRange(Enumerable.Range(0, skill).Select(_ => Person(CitySize.Metro, true, 2, 5)));
        return people;
    }

    private static (RankingResult Ranking, Nudge? Nudge) Run(List<CandidateRecord> people)
    {
        var index = TestData.BuildIndex(people);
        var ranking = index.Rank(Project, 5, 0);
        return (ranking, RepresentationNudge.Find(index, Project, 5, ranking));
    }

    [Fact]
    public void The_relaxation_that_brings_the_most_town_or_rural_people_into_the_top_wins()
    {
        var (ranking, nudge) = Run(Pool(overlap: 2, english: 3, skill: 4));

        Assert.Equal(20, ranking.Pool.Total);
        Assert.Equal(10, ranking.Pool.TownOrRural);
        Assert.Equal(0, ranking.Top.TownOrRural);
        Assert.NotNull(nudge);
        Assert.Equal(Relaxation.RequiredSkill, nudge.Relaxation);
        Assert.Equal(S1, nudge.SkillId);
        Assert.Equal(4, nudge.TownOrRural);
        Assert.Equal(0.8, nudge.Share, 10);
    }

    [Fact]
    public void Each_relaxation_is_found_when_it_is_the_only_one_that_helps()
    {
        Assert.Equal((Relaxation.MinOverlap, 0.4), Summary(Run(Pool(overlap: 2, english: 0, skill: 0)).Nudge));
        Assert.Equal((Relaxation.MinEnglish, 0.6), Summary(Run(Pool(overlap: 0, english: 3, skill: 0)).Nudge));
        Assert.Equal((Relaxation.RequiredSkill, 0.2), Summary(Run(Pool(overlap: 0, english: 0, skill: 1)).Nudge));

        static (Relaxation, double) Summary(Nudge? nudge) => (nudge!.Relaxation, Math.Round(nudge.Share, 6));
    }

    [Fact]
    public void A_tie_goes_to_the_relaxation_tried_first()
    {
        var (_, nudge) = Run(Pool(overlap: 3, english: 3, skill: 3));

        Assert.Equal(Relaxation.MinOverlap, nudge!.Relaxation);
        Assert.Equal(0.6, nudge.Share, 10);
    }

    [Fact]
    public void No_nudge_when_nothing_helps_or_the_top_does_not_trail_the_pool_by_more_than_ten_points()
    {
        Assert.Null(Run(Pool(overlap: 0, english: 0, skill: 0)).Nudge);

        // Pool 4 of 20 town (20 %), top 1 of 5 (20 %): no gap, so no nudge even though a relaxation would help.
        var people = new List<CandidateRecord>();
        people.AddRange(Enumerable.Range(0, 15).Select(_ => Person(CitySize.Metro, false, 3, 0)));
        people.AddRange(Enumerable.Range(0, 1).Select(_ => Person(CitySize.Town, false, 3, 2)));
        people.AddRange(Enumerable.Range(0, 3).Select(_ => Person(CitySize.Town, false, 3, 0, lateDays: 60)));
        people.Add(Person(CitySize.Metro, false, 3, 0));
        people.AddRange(Enumerable.Range(0, 3).Select(_ => Person(CitySize.Town, false, 5, 5, english: EnglishLevel.B1)));
        var (ranking, nudge) = Run(people);
        Assert.Equal(20, ranking.Pool.Total);
        Assert.Equal(4, ranking.Pool.TownOrRural);
        Assert.Equal(1, ranking.Top.TownOrRural);
        Assert.Null(nudge);
    }

    [Fact]
    public void Relaxations_skip_what_does_not_apply()
    {
        var none = Project with { MinOverlapHours = 0, MinEnglish = EnglishLevel.A1, Skills = [new ProjectSkillRequirement(S2, 3, Required: false)] };
        Assert.Empty(RepresentationNudge.Relaxations(none));

        var half = Project with { MinOverlapHours = 0.5 };
        var relaxed = RepresentationNudge.Relaxations(half).ToList();
        Assert.Equal([Relaxation.MinOverlap, Relaxation.MinEnglish, Relaxation.RequiredSkill], relaxed.Select(r => r.Relaxation));
        Assert.Equal(0, relaxed[0].Query.MinOverlapHours);
        Assert.Equal(EnglishLevel.B1, relaxed[1].Query.MinEnglish);
        Assert.False(relaxed[2].Query.Skills[0].Required);
        Assert.True(Project.Skills[0].Required);
    }
}
