using CsCheck;
using NodaTime;

namespace NearshoreHub.Matching.Tests;

public class ScoringPropertyTests
{
    private static readonly Gen<int> Seeds = Gen.Int;

    private static ScoreWeights PositiveWeights(Random rng) =>
        new(rng.Next(1, 20) / 10.0, rng.Next(1, 20) / 10.0, rng.Next(1, 20) / 10.0, rng.Next(1, 20) / 10.0, rng.Next(1, 20) / 10.0);

    /// <summary>A copy that is at least as good in every component: higher levels, an extra skill, lower rate, better English, earlier.</summary>
    private static CandidateRecord Improve(CandidateRecord a, Random rng)
    {
        var skills = a.Skills.Select(s => s with { Level = (byte)Math.Min(5, s.Level + rng.Next(0, 2)) }).ToList();
        if (rng.Next(2) == 0)
        {
            skills.Add(new CandidateSkill(rng.Next(1, 16), (byte)rng.Next(1, 6), 1));
        }

        return a with
        {
            Id = TestData.RandomGuid(rng),
            Skills = skills,
            HourlyRateUsd = Math.Max(1, a.HourlyRateUsd - rng.Next(0, 30)),
            English = (EnglishLevel)Math.Min(6, (int)a.English + rng.Next(0, 2)),
            AvailableFrom = a.AvailableFrom.PlusDays(-rng.Next(0, 60)),
        };
    }

    private static bool AtLeastAsGood(ScoreBreakdown b, ScoreBreakdown a) =>
        b.Skills >= a.Skills && b.Overlap >= a.Overlap && b.Rate >= a.Rate && b.English >= a.English && b.Availability >= a.Availability;

    [Fact]
    public void A_candidate_at_least_as_good_everywhere_and_better_somewhere_ranks_higher()
    {
        Seeds.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var query = TestData.Project(rng, allowRequired: false) with { Weights = PositiveWeights(rng), MinOverlapHours = 0, MinEnglish = null };
                var a = TestData.Candidate(rng) with { Status = ProfessionalStatus.Active };
                var b = Improve(a, rng);
                var ea = TestData.Scorer.Evaluate(query, a);
                var eb = TestData.Scorer.Evaluate(query, b);

                Assert.True(AtLeastAsGood(eb.Breakdown, ea.Breakdown));
                if (eb.Breakdown == ea.Breakdown)
                {
                    Assert.Equal(ea.RankKey, eb.RankKey);
                    return;
                }

                Assert.True(eb.RankKey > ea.RankKey);
                Assert.True(eb.Score >= ea.Score);

                var ranked = TestData.BuildIndex([a, b]).Rank(query, 2, 0).Items;
                Assert.Equal([b.Id, a.Id], ranked.Select(r => r.CandidateId));
            },
            iter: 300);
    }

    [Fact]
    public void Weighted_sum_is_strictly_monotone_in_every_component()
    {
        Gen.Select(Gen.Int[0, 10_000].Array[5], Gen.Int[0, 4], Gen.Int[1, 10_000], Gen.Double[0.001, 10].Array[5]).Sample(
            (units, component, bump, w) =>
            {
                var weights = new ScoreWeights(w[0], w[1], w[2], w[3], w[4]);
                var better = (int[])units.Clone();
                better[component] = Math.Min(10_000, better[component] + bump);
                var low = new ScoreBreakdown(units[0] / 10_000m, units[1] / 10_000m, units[2] / 10_000m, units[3] / 10_000m, units[4] / 10_000m);
                var high = new ScoreBreakdown(better[0] / 10_000m, better[1] / 10_000m, better[2] / 10_000m, better[3] / 10_000m, better[4] / 10_000m);
                if (better[component] > units[component] && new[] { weights.Skills, weights.Overlap, weights.Rate, weights.English, weights.Availability }[component] > 0)
                {
                    Assert.True(Key(weights, high) > Key(weights, low));
                }

                Assert.True(high.ScoreWith(weights) >= low.ScoreWith(weights));
            },
            iter: 500);
    }

    private static decimal Key(ScoreWeights w, ScoreBreakdown b) =>
        ((decimal)w.Skills * b.Skills) + ((decimal)w.Overlap * b.Overlap) + ((decimal)w.Rate * b.Rate) + ((decimal)w.English * b.English) + ((decimal)w.Availability * b.Availability);

    [Fact]
    public void Breakdown_reproduces_the_score_exactly()
    {
        Seeds.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var query = TestData.Project(rng);
                var evaluation = TestData.Scorer.Evaluate(query, TestData.Candidate(rng));
                var w = query.Weights;
                var b = evaluation.Breakdown;
                var expected = Math.Round(
                    100m * Key(w, b) / ((decimal)w.Skills + (decimal)w.Overlap + (decimal)w.Rate + (decimal)w.English + (decimal)w.Availability),
                    2,
                    MidpointRounding.AwayFromZero);

                Assert.Equal(expected, evaluation.Score);
                foreach (var c in new[] { b.Skills, b.Overlap, b.Rate, b.English, b.Availability })
                {
                    Assert.InRange(c, 0m, 1m);
                    Assert.Equal(c, Math.Round(c, 4));
                }
            },
            iter: 300);
    }

    [Fact]
    public void Location_never_changes_a_score()
    {
        Seeds.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var query = TestData.Project(rng);
                var a = TestData.Candidate(rng);
                var b = a with
                {
                    Id = TestData.RandomGuid(rng),
                    Country = TestData.Countries[rng.Next(TestData.Countries.Length)],
                    CitySize = (CitySize)rng.Next(3),
                    IsRural = !a.IsRural,
                };
                var ea = TestData.Scorer.Evaluate(query, a);
                var eb = TestData.Scorer.Evaluate(query, b);

                Assert.Equal(ea.Breakdown, eb.Breakdown);
                Assert.Equal(ea.Score, eb.Score);
                Assert.Equal(ea.RankKey, eb.RankKey);
                Assert.Equal(ea.IsEligible, eb.IsEligible);
            },
            iter: 300);
    }

    [Fact]
    public void Equal_scores_are_ordered_by_id_like_postgres_uuids()
    {
        Seeds.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var template = TestData.Candidate(rng) with { Status = ProfessionalStatus.Active };
                var clones = Enumerable.Range(0, 30).Select(_ => template with { Id = TestData.RandomGuid(rng) }).ToList();
                var query = TestData.Project(rng, allowRequired: false) with { MinOverlapHours = 0, MinEnglish = null };

                var ranked = TestData.BuildIndex(clones).Rank(query, 30, 0).Items.Select(i => i.CandidateId).ToList();

                var byString = clones.Select(c => c.Id).OrderBy(id => id.ToString(), StringComparer.Ordinal).ToList();
                Assert.Equal(byString, ranked);
                Assert.Equal(byString, clones.Select(c => c.Id).Order().ToList());
            },
            iter: 100);
    }

    [Fact]
    public void Same_inputs_give_the_same_order_whatever_the_load_order()
    {
        Seeds.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var all = Enumerable.Range(0, 400).Select(_ => TestData.Candidate(rng)).ToList();
                var query = TestData.Project(rng, allowRequired: false) with { MinOverlapHours = 0 };
                var first = TestData.BuildIndex(all);
                var second = TestData.BuildIndex(all.OrderBy(_ => rng.Next()));

                var a = first.Rank(query, 50, 0).Items.Select(i => (i.CandidateId, i.Score)).ToList();
                var b = second.Rank(query, 50, 0).Items.Select(i => (i.CandidateId, i.Score)).ToList();
                var again = first.Rank(query, 50, 0).Items.Select(i => (i.CandidateId, i.Score)).ToList();

                Assert.Equal(a, b);
                Assert.Equal(a, again);
            },
            iter: 20);
    }

    [Fact]
    public void Related_skills_never_satisfy_a_required_skill()
    {
        var query = new ProjectQuery(
            "America/New_York", new LocalTime(9, 0), new LocalTime(17, 0), WorkDays.Weekdays, 0, new LocalDate(2027, 3, 1), 2,
            [new ProjectSkillRequirement(1, 3, Required: true)], null, null, null, null, ScoreWeights.Default);
        var holdsRelated = TestData.Candidate(new Random(2)) with { Status = ProfessionalStatus.Active, Skills = [new CandidateSkill(2, 5, 5)] };

        var evaluation = TestData.Scorer.Evaluate(query, holdsRelated);

        Assert.False(evaluation.IsEligible);
        Assert.Equal(0.4m, evaluation.Breakdown.Skills); // 0.5 · similarity 0.8 · min(1, 5/3)
        Assert.Equal(0, TestData.BuildIndex([holdsRelated]).Rank(query, 10, 0).EligibleCount);
    }
}
