using System.Text;
using NodaTime;

namespace NearshoreHub.Matching.Tests;

/// <summary>The index's recruiter search against a brute-force filter and sort of the same records.</summary>
public sealed class DirectorySearchTests
{
    private static readonly string[] FirstNames = ["ana", "joana", "joao", "maria", "jose", "lucia", "pedro", "ana maria", "paulo", "sao", "andre"];
    private static readonly string[] LastNames = ["silva", "gomez", "paulo", "fernandez", "souza", "ramirez", "ana", "lima"];
    private static readonly string[] Rests = [" backend engineer sao paulo", " data engineer cordoba", " frontend developer lima", " java developer san blas", " mobile dev sao luis", ""];
    private static readonly string[] Words = ["ana", "paulo", "sao", "engineer", "dev", "lima", "silva", "o", "zz", "java", "an"];

    /// <summary>Phrases that, like the words, never span the end of a name and the start of the text after it; "andre lima"
    /// is held by fewer than 1/16 of the people, so excluded words are then read per person rather than marked.</summary>
    private static readonly string[] Phrases = ["ana maria", "backend engineer", "sao paulo", "developer lima", "andre lima"];

    private static readonly Instant Epoch = Instant.FromUtc(2026, 1, 1, 0, 0);

    private static DirectoryWord RandomWord(Random rng) =>
        new(rng.Next(4) == 0 ? Phrases[rng.Next(Phrases.Length)] : Words[rng.Next(Words.Length)], rng.Next(3) == 0 ? rng.Next(1, 16) : null);

    private static CandidateRecord WithProfile(CandidateRecord record, Random rng)
    {
        var name = $"{FirstNames[rng.Next(FirstNames.Length)]} {LastNames[rng.Next(LastNames.Length)]}";
        var rest = Rests[rng.Next(Rests.Length)];
        var updated = Epoch.Plus(Duration.FromMinutes(rng.Next(0, 50)));
        return record with { Profile = new CandidateProfile(name + rest, name.Length, updated) };
    }

    private static DirectoryQuery RandomQuery(Random rng, IReadOnlyList<Guid> ids)
    {
        var count = ids.Count;
        var words = rng.Next(3) == 0 ? [] : Enumerable.Range(0, rng.Next(1, 3)).Select(_ => RandomWord(rng)).ToArray();
        var sorts = Enum.GetValues<SearchSort>();
        var sort = sorts[rng.Next(sorts.Length)];
        if (sort == SearchSort.Relevance && words.Length == 0)
        {
            sort = SearchSort.Name;
        }

        var deep = rng.Next(6) == 0;
        return new DirectoryQuery
        {
            Words = words,
            PhraseSkillId = words.Length > 1 && rng.Next(2) == 0 ? rng.Next(1, 16) : null,
            Skills = rng.Next(3) == 0 ? Enumerable.Range(0, rng.Next(1, 3)).Select(_ => new DirectorySkill(rng.Next(1, 17), (byte)rng.Next(1, 6))).ToArray() : [],
            Countries = rng.Next(3) == 0 ? TestData.Countries.OrderBy(_ => rng.Next()).Take(rng.Next(1, 3)).Append(rng.Next(4) == 0 ? "ZZ" : "BR").ToArray() : [],
            CitySizes = rng.Next(4) == 0 ? [(CitySize)rng.Next(3)] : [],
            Rural = rng.Next(4) == 0 ? rng.Next(2) == 0 : null,
            MinEnglish = rng.Next(4) == 0 ? (EnglishLevel)rng.Next(1, 7) : null,
            MaxRate = rng.Next(4) == 0 ? rng.Next(20, 80) + 0.25m : null,
            AvailableBy = rng.Next(4) == 0 ? new LocalDate(2027, 1, 1).PlusDays(rng.Next(0, 200)) : null,
            Overlap = rng.Next(4) == 0
                ? new DirectoryOverlap(TestData.ClientZones[rng.Next(TestData.ClientZones.Length)], new LocalTime(rng.Next(7, 11), 0), new LocalTime(rng.Next(15, 19), 0), rng.Next(0, 9), new LocalDate(2027, 3, 1).PlusDays(rng.Next(0, 30)))
                : null,
            Statuses = rng.Next(4) == 0 ? [(ProfessionalStatus)rng.Next(3)] : [],
            NotWords = rng.Next(3) == 0 ? Enumerable.Range(0, rng.Next(1, 3)).Select(_ => RandomWord(rng)).ToArray() : [],
            NotSkills = rng.Next(4) == 0 ? Enumerable.Range(0, rng.Next(1, 3)).Select(_ => new DirectorySkill(rng.Next(1, 17), (byte)rng.Next(1, 6))).ToArray() : [],
            NotCountries = rng.Next(4) == 0 ? TestData.Countries.OrderBy(_ => rng.Next()).Take(rng.Next(1, 4)).Append("ZZ").ToArray() : [],
            NotCitySizes = rng.Next(4) == 0 ? [(CitySize)rng.Next(3)] : [],
            ExcludedIds = rng.Next(4) == 0 ? ids.OrderBy(_ => rng.Next()).Take(rng.Next(1, 400)).Append(Guid.NewGuid()).ToArray() : [],
            ChangedAfter = rng.Next(3) == 0 ? Epoch.Plus(Duration.FromMinutes(rng.Next(-1, 50))) : null,
            Sort = sort,
            Offset = deep ? rng.Next(0, count) : rng.Next(0, 30),
            Limit = deep ? rng.Next(1, 6_000) : rng.Next(1, 40),
        };
    }

    private static bool Holds(CandidateRecord r, int skillId, int minLevel = 1) => r.Skills.Any(s => s.SkillId == skillId && s.Level >= minLevel);

    private static DirectoryPage BruteForce(IEnumerable<CandidateRecord> records, DirectoryQuery q)
    {
        bool TextMatches(CandidateRecord r)
        {
            var text = r.Profile!.SearchText;
            var all = q.Words.All(w => text.Contains(w.Text, StringComparison.Ordinal) || (w.SkillId is { } id && Holds(r, id)));
            return all || (q.Words.Count > 1 && q.PhraseSkillId is { } phrase && Holds(r, phrase));
        }

        // An excluded word or phrase leaves out exactly whom it would find as a search word.
        bool Finds(CandidateRecord r, DirectoryWord w) => r.Profile!.SearchText.Contains(w.Text, StringComparison.Ordinal) || (w.SkillId is { } id && Holds(r, id));

        bool Excluded(CandidateRecord r) =>
            q.NotWords.Any(w => Finds(r, w))
            || q.NotSkills.Any(s => Holds(r, s.SkillId, s.MinLevel))
            || q.NotCountries.Contains(r.Country)
            || q.NotCitySizes.Contains(r.CitySize)
            || q.ExcludedIds.Contains(r.Id)
            || (q.ChangedAfter is { } after && r.Profile!.UpdatedAt <= after);

        bool OverlapMatches(CandidateRecord r)
        {
            var window = q.Overlap!;
            var client = new WorkSchedule(window.TimeZoneId, window.Start, window.End, WorkDays.Weekdays);
            var result = TestData.Overlap.Compute(client, r.Schedule, window.From, 4, includeDays: false);
            return result.MinimumHours >= window.MinHours && result.MaximumHours > 0;
        }

        // 4 when a word of the name starts with the search word, 2 when the name contains it, 1 when a later word starts with it.
        // A phrase "starts a word" where it begins at the start of the text or after a space, like a word.
        static bool StartsAWord(string text, string word) =>
            Enumerable.Range(0, text.Length).Any(i => (i == 0 || text[i - 1] == ' ') && text.AsSpan(i).StartsWith(word, StringComparison.Ordinal));

        int Relevance(CandidateRecord r) => q.Words.Sum(w =>
        {
            var name = r.Profile!.Name;
            return StartsAWord(name, w.Text) ? 4
                : name.Contains(w.Text, StringComparison.Ordinal) ? 2
                : StartsAWord(r.Profile.Rest, w.Text) ? 1 : 0;
        });

        var matches = records.Where(r =>
            (q.Words.Count == 0 || TextMatches(r))
            && q.Skills.All(s => Holds(r, s.SkillId, s.MinLevel))
            && (q.Countries.Count == 0 || q.Countries.Contains(r.Country))
            && (q.CitySizes.Count == 0 || q.CitySizes.Contains(r.CitySize))
            && (q.Rural is null || r.IsRural == q.Rural)
            && (q.MinEnglish is null || r.English >= q.MinEnglish)
            && (q.MaxRate is null || r.HourlyRateUsd <= q.MaxRate)
            && (q.AvailableBy is null || r.AvailableFrom <= q.AvailableBy)
            && (q.Statuses.Count == 0 || q.Statuses.Contains(r.Status))
            && (q.Overlap is null || OverlapMatches(r))
            && !Excluded(r)).ToList();

        static string Name(CandidateRecord r) => r.Profile!.Name;
        IOrderedEnumerable<CandidateRecord> ordered = q.Sort switch
        {
            SearchSort.Name => matches.OrderBy(Name, StringComparer.Ordinal),
            SearchSort.NameDescending => matches.OrderByDescending(Name, StringComparer.Ordinal),
            SearchSort.UpdatedAt => matches.OrderBy(r => r.Profile!.UpdatedAt),
            SearchSort.UpdatedAtDescending => matches.OrderByDescending(r => r.Profile!.UpdatedAt),
            SearchSort.Rate => matches.OrderBy(r => r.HourlyRateUsd),
            SearchSort.RateDescending => matches.OrderByDescending(r => r.HourlyRateUsd),
            _ => matches.OrderByDescending(Relevance).ThenBy(Name, StringComparer.Ordinal),
        };
        var ids = ordered.ThenBy(r => r.Id.ToString(), StringComparer.Ordinal).Skip(q.Offset).Take(q.Limit).Select(r => r.Id).ToList();
        return new DirectoryPage(matches.Count, ids);
    }

    [Fact]
    public void Search_equals_a_brute_force_filter_and_sort_with_changes_since_the_snapshot()
    {
        var rng = new Random(20261128);
        var current = new Dictionary<Guid, CandidateRecord>();
        var builder = new CandidateIndexBuilder(DateTimeZoneProviders.Tzdb, TestData.Skills);
        for (var i = 0; i < 12_000; i++)
        {
            var record = WithProfile(TestData.Candidate(rng), rng);
            current[record.Id] = record;
            builder.Add(record);
        }

        var index = builder.Build();
        for (var round = 0; round < 3; round++)
        {
            for (var q = 0; q < 40; q++)
            {
                // Half the queries split the scan in parts whose pages and counts are merged.
                index.ParallelSearchThreshold = q % 2 == 0 ? int.MaxValue : 1;
                index.FullSortPageEnd = q % 3 == 0 ? 5_000 : 1_000_000;
                var query = RandomQuery(rng, [.. current.Keys]);
                var expected = BruteForce(current.Values, query);
                var actual = index.Search(query);
                Assert.True(expected.Total == actual.Total, $"round {round} query {q}: total {actual.Total}, expected {expected.Total}");
                Assert.True(expected.Ids.SequenceEqual(actual.Ids), $"round {round} query {q}: {query}");
            }

            // Changes since the snapshot: removals (tombstones), edits of indexed people and new people (extras).
            var ids = current.Keys.OrderBy(_ => rng.Next()).Take(300).ToList();
            foreach (var id in ids.Take(100))
            {
                index.Remove(id);
                current.Remove(id);
            }

            var upserts = ids.Skip(100).Select(id => WithProfile(TestData.Candidate(rng, id), rng))
                .Concat(Enumerable.Range(0, 200).Select(_ => WithProfile(TestData.Candidate(rng), rng))).ToList();
            // The first set stays beside the snapshot; the second is folded into a new one (names copied in runs).
            index.CompactionThreshold = round == 1 ? 150 : int.MaxValue;
            index.Apply(upserts, []);
            foreach (var record in upserts)
            {
                current[record.Id] = record;
            }

            Assert.Equal(current.Count, index.Count);
            Assert.Equal(current.Count, index.Search(new DirectoryQuery()).Total);
        }
    }

    [Fact]
    public void Walking_pages_after_the_last_id_returns_every_match_once_in_id_order()
    {
        var rng = new Random(20261129);
        var builder = new CandidateIndexBuilder(DateTimeZoneProviders.Tzdb, TestData.Skills);
        var current = new Dictionary<Guid, CandidateRecord>();
        for (var i = 0; i < 5_000; i++)
        {
            var record = WithProfile(TestData.Candidate(rng), rng);
            current[record.Id] = record;
            builder.Add(record);
        }

        var index = builder.Build();
        // Changed and new people live outside the snapshot; the walk must interleave them by id.
        var upserts = current.Keys.Take(200).Select(id => WithProfile(TestData.Candidate(rng, id), rng))
            .Concat(Enumerable.Range(0, 300).Select(_ => WithProfile(TestData.Candidate(rng), rng))).ToList();
        index.Apply(upserts, []);
        foreach (var record in upserts)
        {
            current[record.Id] = record;
        }

        foreach (var id in current.Keys.Skip(1_000).Take(100).ToList())
        {
            index.Remove(id);
            current.Remove(id);
        }

        foreach (var (query, parallel) in new[]
        {
            (new DirectoryQuery(), false),
            (new DirectoryQuery { Words = [new DirectoryWord("ana")], Rural = true }, true),
            (new DirectoryQuery { Skills = [new DirectorySkill(3, 2)] }, true),
        })
        {
            index.ParallelSearchThreshold = parallel ? 1 : int.MaxValue;
            var expected = BruteForce(current.Values, query with { Limit = int.MaxValue }).Ids.OrderBy(id => id.ToString(), StringComparer.Ordinal).ToList();
            var walked = new List<Guid>();
            Guid? after = null;
            while (true)
            {
                var page = index.Walk(query, after, 333);
                walked.AddRange(page);
                if (page.Count < 333)
                {
                    break;
                }

                after = page[^1];
            }

            Assert.NotEmpty(expected);
            Assert.Equal(expected, walked);

            // From any id on, whether or not it is someone's.
            var middle = expected[expected.Count / 2];
            Assert.Equal(expected.SkipWhile(id => id != middle).Skip(1).Take(50), index.Walk(query, middle, 50));
            var unknown = Guid.NewGuid();
            Assert.Equal(expected.Where(id => string.CompareOrdinal(id.ToString(), unknown.ToString()) > 0).Take(50), index.Walk(query, unknown, 50));
        }
    }

    [Fact]
    public void Words_match_inside_one_name_only_and_accented_text_matches_as_given()
    {
        var builder = new CandidateIndexBuilder(DateTimeZoneProviders.Tzdb, TestData.Skills);
        var rng = new Random(7);
        var ana = TestData.Candidate(rng) with { Profile = new CandidateProfile("ana silva engineer", 9, Instant.FromUnixTimeSeconds(1)) };
        var bo = TestData.Candidate(rng) with { Profile = new CandidateProfile("bo são paulo", 12, Instant.FromUnixTimeSeconds(2)) };
        builder.Add(ana);
        builder.Add(bo);
        var index = builder.Build();

        // "vabo" and "loana" would only match across the end of one name and the start of the next in the packed name text.
        Assert.Equal(0, index.Search(new DirectoryQuery { Words = [new DirectoryWord("vabo")] }).Total);
        Assert.Equal(0, index.Search(new DirectoryQuery { Words = [new DirectoryWord("loana")] }).Total);
        Assert.Equal([bo.Id], index.Search(new DirectoryQuery { Words = [new DirectoryWord("são")] }).Ids);
        Assert.Equal([ana.Id], index.Search(new DirectoryQuery { Words = [new DirectoryWord("engineer")] }).Ids);
        Assert.True(index.TryGet(bo.Id, out var stored));
        Assert.Equal(bo.Profile, stored!.Profile);
        Assert.Equal(Encoding.UTF8.GetByteCount("bo são paulo"), Encoding.UTF8.GetByteCount(stored.Profile!.Name));
    }
}
