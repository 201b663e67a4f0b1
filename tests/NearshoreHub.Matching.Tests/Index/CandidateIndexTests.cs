using CsCheck;
using NodaTime;

namespace NearshoreHub.Matching.Tests;

public class CandidateIndexTests
{
    internal static int AssertSameRanking(CandidateIndex index, IReadOnlyCollection<CandidateRecord> all, ProjectQuery query, int limit, int offset)
    {
        var expected = TestData.BruteForce(query, all);
        var actual = index.Rank(query, limit, offset);

        Assert.Equal(expected.Count, actual.EligibleCount);
        var page = expected.Skip(offset).Take(limit).ToList();
        Assert.Equal(page.Select(e => e.CandidateId), actual.Items.Select(i => i.CandidateId));
        Assert.Equal(page.Select(e => e.Score), actual.Items.Select(i => i.Score));
        Assert.Equal(page.Select(e => e.Breakdown), actual.Items.Select(i => i.Breakdown));
        Assert.Equal(Enumerable.Range(offset + 1, page.Count), actual.Items.Select(i => i.Rank));

        var byId = all.ToDictionary(c => c.Id);
        var pool = Representation.Of(expected.Select(e => byId[e.CandidateId]));
        Assert.Equal(pool.Total, actual.Pool.Total);
        Assert.Equal(pool.ByCountry, actual.Pool.ByCountry);
        Assert.Equal(pool.ByCitySize, actual.Pool.ByCitySize);
        Assert.Equal(pool.ByRurality, actual.Pool.ByRurality);
        var top = Representation.Of(expected.Take(offset + limit).Select(e => byId[e.CandidateId]));
        Assert.Equal(top.ByCountry, actual.Top.ByCountry);
        Assert.Equal(top.ByRurality, actual.Top.ByRurality);
        return actual.Items.Count;
    }

    [Fact]
    public void Rank_equals_brute_force_ranking_on_random_data()
    {
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var all = Enumerable.Range(0, 1500).Select(_ => TestData.Candidate(rng)).ToList();
                var index = TestData.BuildIndex(all);
                var returned = 0;
                for (var q = 0; q < 8; q++)
                {
                    returned += AssertSameRanking(index, all, TestData.Project(rng), rng.Next(0, 30), rng.Next(0, 3) == 0 ? rng.Next(0, 40) : 0);
                }

                // The generator must produce rankings that are not all empty, or the comparison proves nothing.
                Assert.True(returned > 0);
            },
            iter: 4);
    }

    [Fact]
    public void Rank_equals_brute_force_after_upserts_and_removes()
    {
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var current = Enumerable.Range(0, 1200).Select(_ => TestData.Candidate(rng)).ToDictionary(c => c.Id);
                var index = TestData.BuildIndex(current.Values);
                index.CompactionThreshold = 150;
                for (var round = 0; round < 3; round++)
                {
                    for (var m = 0; m < 120; m++)
                    {
                        var ids = current.Keys.ToArray();
                        switch (rng.Next(3))
                        {
                            case 0:
                                var added = TestData.Candidate(rng);
                                current[added.Id] = added;
                                index.Upsert(added);
                                break;
                            case 1:
                                var changed = TestData.Candidate(rng, ids[rng.Next(ids.Length)]);
                                current[changed.Id] = changed;
                                index.Upsert(changed);
                                break;
                            default:
                                var gone = ids[rng.Next(ids.Length)];
                                Assert.True(index.Remove(gone));
                                current.Remove(gone);
                                break;
                        }
                    }

                    Assert.Equal(current.Count, index.Count);
                    for (var q = 0; q < 4; q++)
                    {
                        AssertSameRanking(index, current.Values, TestData.Project(rng), 25, rng.Next(0, 10));
                    }
                }

                index.Compact();
                AssertSameRanking(index, current.Values, TestData.Project(rng), 25, 0);
            },
            iter: 3);
    }

    [Fact]
    public void Candidates_without_a_project_skill_tie_by_id_when_visited_cell_by_cell()
    {
        // Identical twins (ids aside) spread over two schedule groups and two English levels, none holding the
        // project's skill, plus a few holders: every key ties inside a cell, so only the id decides the page.
        var rng = new Random(42);
        var template = TestData.Candidate(rng) with { Status = ProfessionalStatus.Active, WorkDays = WorkDays.Weekdays, Skills = [new CandidateSkill(3, 4, 5)] };
        var all = new List<CandidateRecord>();
        for (var i = 0; i < 400; i++)
        {
            var twin = template with { Id = TestData.RandomGuid(rng) };
            twin = (i % 5) switch
            {
                0 => twin with { English = EnglishLevel.C1 },
                // Another schedule group with the same overlap: equal keys in two cells, ids interleaved.
                4 => twin with { WorkDays = WorkDays.Weekdays | WorkDays.Sat },
                1 => twin with { WorkStart = template.WorkStart.PlusHours(1), WorkEnd = template.WorkEnd.PlusHours(1) },
                2 => twin with { Skills = [new CandidateSkill(7, 3, 2)] },
                _ => twin,
            };
            all.Add(twin);
        }

        var index = TestData.BuildIndex(all);
        var skill7 = new ProjectQuery(
            "America/New_York", new LocalTime(9, 0), new LocalTime(17, 0), WorkDays.Weekdays, 0, new LocalDate(2027, 3, 1), 12,
            [new ProjectSkillRequirement(7, 3, false, 1)], null, null, null, null, ScoreWeights.Default);
        var noSkills = skill7 with { Skills = [] };
        Assert.True(index.Rank(noSkills, 1, 0).EligibleCount >= 300, "The twins must be eligible, or the ties prove nothing.");
        foreach (var query in new[] { skill7, noSkills })
        {
            foreach (var (limit, offset) in new[] { (20, 0), (30, 95), (50, 290), (10, 395) })
            {
                AssertSameRanking(index, all, query, limit, offset);
            }

            Assert.True(index.Remove(all[5].Id));
            index.Upsert(all[6] with { English = EnglishLevel.A1 });
            var current = all.Where(c => c.Id != all[5].Id).Select(c => c.Id == all[6].Id ? c with { English = EnglishLevel.A1 } : c).ToList();
            AssertSameRanking(index, current, query with { MinEnglish = EnglishLevel.B1 }, 40, 100);
            index.Upsert(all[5]);
            index.Upsert(all[6]);
        }
    }

    [Fact]
    public void Removing_an_unknown_id_reports_false()
    {
        var index = TestData.BuildIndex([TestData.Candidate(new Random(1))]);
        Assert.False(index.Remove(Guid.NewGuid()));
        Assert.Equal(1, index.Count);
    }

    [Fact]
    public void Upserted_candidate_is_visible_to_the_next_ranking_and_retrievable()
    {
        var rng = new Random(7);
        var index = TestData.BuildIndex(Enumerable.Range(0, 50).Select(_ => TestData.Candidate(rng)));
        var star = TestData.Candidate(rng) with
        {
            Status = ProfessionalStatus.Active,
            TimeZoneId = "America/New_York",
            WorkStart = new LocalTime(9, 0),
            WorkEnd = new LocalTime(17, 0),
            WorkDays = WorkDays.Weekdays,
            English = EnglishLevel.C2,
            HourlyRateUsd = 10,
            AvailableFrom = new LocalDate(2020, 1, 1),
            Skills = [new CandidateSkill(1, 5, 10), new CandidateSkill(3, 5, 10)],
        };
        var query = new ProjectQuery(
            "America/New_York", new LocalTime(9, 0), new LocalTime(17, 0), WorkDays.Weekdays, 8, new LocalDate(2027, 3, 1), 4,
            [new ProjectSkillRequirement(1, 5, true), new ProjectSkillRequirement(3, 5, true)], null, null, 50, null, ScoreWeights.Default);

        index.Upsert(star);

        var first = Assert.Single(index.Rank(query, 5, 0).Items, i => i.CandidateId == star.Id);
        Assert.Equal(1, first.Rank);
        Assert.True(index.TryGet(star.Id, out var stored));
        Assert.Equal(star.Id, stored!.Id);

        Assert.True(index.Remove(star.Id));
        Assert.DoesNotContain(index.Rank(query, 5, 0).Items, i => i.CandidateId == star.Id);
    }

    [Fact]
    public void Duplicate_adds_keep_the_last_record()
    {
        var rng = new Random(3);
        var first = TestData.Candidate(rng) with { Country = "BR" };
        var second = first with { Country = "AR" };
        var index = TestData.BuildIndex([first, second]);

        Assert.Equal(1, index.Count);
        Assert.True(index.TryGet(first.Id, out var stored));
        Assert.Equal("AR", stored!.Country);
    }

    [Fact]
    public void Round_trips_a_record_through_the_columns()
    {
        var record = TestData.Candidate(new Random(11));
        var index = TestData.BuildIndex([record]);

        Assert.True(index.TryGet(record.Id, out var stored));
        Assert.Equal(record with { Skills = [] }, stored! with { Skills = [] });
        Assert.Equal(record.Skills, stored.Skills);
    }

    [Fact]
    public async Task Rankings_running_concurrently_with_updates_stay_consistent()
    {
        var rng = new Random(5);
        var all = Enumerable.Range(0, 2000).Select(_ => TestData.Candidate(rng)).ToList();
        var index = TestData.BuildIndex(all);
        index.CompactionThreshold = 300;
        var query = TestData.Project(new Random(9), allowRequired: false);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        var writer = Task.Run(() =>
        {
            var local = new Random(1);
            while (!cts.IsCancellationRequested)
            {
                index.Upsert(TestData.Candidate(local, all[local.Next(all.Count)].Id));
            }
        });
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!cts.IsCancellationRequested)
            {
                var result = index.Rank(query, 10, 0);
                Assert.True(result.EligibleCount <= 2000);
                Assert.Equal(result.EligibleCount, result.Pool.Total);
                Assert.Equal(result.Items.OrderBy(i => i.Rank).Select(i => i.CandidateId), result.Items.Select(i => i.CandidateId));
            }
        })).ToArray();

        await Task.WhenAll([writer, .. readers]);
        Assert.Equal(2000, index.Count);
    }
}
