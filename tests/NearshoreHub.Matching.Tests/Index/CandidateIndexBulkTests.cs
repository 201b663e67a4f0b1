namespace NearshoreHub.Matching.Tests;

/// <summary><see cref="CandidateIndex.Apply"/> must leave the index exactly as the same changes applied one by one would.</summary>
public class CandidateIndexBulkTests
{
    private static void AssertSameAsFreshIndex(CandidateIndex index, Dictionary<Guid, CandidateRecord> current, Random rng)
    {
        Assert.Equal(current.Count, index.Count);
        foreach (var record in current.Values.Take(200))
        {
            Assert.True(index.TryGet(record.Id, out var held));
            Assert.Equal(record.HourlyRateUsd, held!.HourlyRateUsd);
        }

        var fresh = TestData.BuildIndex(current.Values);
        for (var q = 0; q < 6; q++)
        {
            var query = TestData.Project(rng);
            var expected = fresh.Rank(query, 30, 0);
            var actual = index.Rank(query, 30, 0);
            Assert.Equal(expected.EligibleCount, actual.EligibleCount);
            Assert.Equal(expected.Items.Select(i => (i.CandidateId, i.Score)), actual.Items.Select(i => (i.CandidateId, i.Score)));
        }
    }

    [Theory]
    [InlineData(40)] // below the compaction threshold: one new change list
    [InlineData(400)] // above it: folded into a new snapshot in one pass
    public void A_change_set_of_upserts_and_removals_ranks_like_an_index_built_from_the_result(int size)
    {
        var rng = new Random(size);
        var current = Enumerable.Range(0, 1200).Select(_ => TestData.Candidate(rng)).ToDictionary(c => c.Id);
        var index = TestData.BuildIndex(current.Values);
        index.CompactionThreshold = 150;

        // A few single upserts first, so the change list the set lands on is not empty.
        for (var i = 0; i < 20; i++)
        {
            var single = TestData.Candidate(rng);
            current[single.Id] = single;
            index.Upsert(single);
        }

        for (var round = 0; round < 2; round++)
        {
            var ids = current.Keys.ToArray();
            var upserts = new List<CandidateRecord>();
            var removals = new List<Guid>();
            for (var m = 0; m < size; m++)
            {
                switch (rng.Next(3))
                {
                    case 0:
                        upserts.Add(TestData.Candidate(rng));
                        break;
                    case 1:
                        upserts.Add(TestData.Candidate(rng, ids[rng.Next(ids.Length)]));
                        break;
                    default:
                        removals.Add(ids[rng.Next(ids.Length)]);
                        break;
                }
            }

            // The same id twice in one set: the later record wins, as with two Upsert calls.
            var twice = ids[rng.Next(ids.Length)];
            upserts.Add(TestData.Candidate(rng, twice));
            upserts.Add(TestData.Candidate(rng, twice));
            removals.Add(Guid.NewGuid()); // unknown ids are ignored

            foreach (var record in upserts)
            {
                current[record.Id] = record;
            }

            foreach (var id in removals)
            {
                current.Remove(id);
            }

            // An id both upserted and removed in one set is removed.
            var both = upserts[0].Id;
            removals.Add(both);
            current.Remove(both);

            index.Apply(upserts, removals);
            AssertSameAsFreshIndex(index, current, rng);
        }
    }

    [Fact]
    public void Apply_says_when_it_folded_the_changes_into_a_new_snapshot()
    {
        var rng = new Random(7);
        var index = TestData.BuildIndex(Enumerable.Range(0, 300).Select(_ => TestData.Candidate(rng)));
        index.CompactionThreshold = 150;

        Assert.False(index.Apply([], []));
        Assert.False(index.Apply(Enumerable.Range(0, 100).Select(_ => TestData.Candidate(rng)).ToList(), []));

        // 100 kept plus 60 more is past the threshold: one new snapshot, the change list empty again.
        Assert.True(index.Apply(Enumerable.Range(0, 60).Select(_ => TestData.Candidate(rng)).ToList(), []));
        Assert.Equal(460, index.Count);
        Assert.False(index.Apply([TestData.Candidate(rng)], []));
    }
}
