using CsCheck;

namespace NearshoreHub.Matching.Tests;

/// <summary>The index with holidays (product spec §9) ranks exactly as scoring every candidate one at a time.</summary>
public class CandidateIndexHolidayTests
{
    [Fact]
    public void Rank_with_holidays_equals_brute_force_ranking()
    {
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                var all = Enumerable.Range(0, 1500).Select(_ => TestData.Candidate(rng)).ToList();
                var index = TestData.BuildIndex(all);
                var book = HolidayPropertyTests.RandomBook(rng);
                var returned = 0;
                var changed = 0;
                for (var q = 0; q < 8; q++)
                {
                    var plain = TestData.Project(rng);
                    var query = plain with
                    {
                        ClientDaysOff = HolidayPropertyTests.RandomDaysOff(rng, "US", rng.Next(0, 12)),
                        ProfessionalHolidays = book,
                    };
                    returned += CandidateIndexTests.AssertSameRanking(index, all, query, rng.Next(0, 30), rng.Next(0, 3) == 0 ? rng.Next(0, 40) : 0);

                    // Holidays must change some score, or the comparison proves nothing about them.
                    changed += index.Rank(query, 50, 0).Items.Zip(index.Rank(plain, 50, 0).Items).Count(p => p.First.Score != p.Second.Score);
                }

                Assert.True(returned > 0);
                Assert.True(changed > 0);
            },
            iter: 4);
    }
}
