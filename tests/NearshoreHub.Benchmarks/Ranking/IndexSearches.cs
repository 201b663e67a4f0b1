using NearshoreHub.Matching;
using NodaTime;

namespace NearshoreHub.Benchmarks.Ranking;

/// <summary>
/// The recruiter searches of the search benchmark (Search/SearchLoadBenchmark.cs) asked of the index directly, without
/// HTTP and the page's row fetch, plus whole-pool sorts: where the time of a search goes inside the index.
/// </summary>
internal static class IndexSearches
{
    public sealed record Scenario(string Name, DirectoryQuery Query);

    public static IReadOnlyList<Scenario> All(IReadOnlyDictionary<string, int> skillIds)
    {
        var java = new DirectorySkill(skillIds["Java"], 3);
        var today = SystemClock.Instance.GetCurrentInstant().InZone(DateTimeZoneProviders.Tzdb["America/New_York"]).Date;
        DirectoryOverlap Window(double hours) => new("America/New_York", new LocalTime(9, 0), new LocalTime(17, 0), hours, today);
        return
        [
            new("skill + country + rural", new DirectoryQuery { Skills = [java], Countries = ["BR"], Rural = true, Limit = 20 }),
            new("free text", new DirectoryQuery { Words = [new("sao"), new("paulo")], Sort = SearchSort.Relevance, Limit = 20 }),
            new("overlap with a zone", new DirectoryQuery { Overlap = Window(6), Limit = 20 }),
            new("everything at once", new DirectoryQuery
            {
                Words = [new("engineer")], Skills = [java], Countries = ["BR", "MX"], CitySizes = [CitySize.City, CitySize.Town],
                MinEnglish = EnglishLevel.B2, MaxRate = 60, AvailableBy = new LocalDate(2026, 12, 31), Overlap = Window(4),
                Statuses = [ProfessionalStatus.Active], Sort = SearchSort.Rate, Limit = 20,
            }),
            // Issue 18: the same shapes with one exclusion each, and a query that only excludes.
            new("skill + country + rural, notSkills", new DirectoryQuery { Skills = [java], Countries = ["BR"], Rural = true, NotSkills = [new DirectorySkill(skillIds["Kotlin"], 1)], Limit = 20 }),
            new("free text NOT engineer", new DirectoryQuery { Words = [new("sao"), new("paulo")], NotWords = [new("engineer")], Sort = SearchSort.Relevance, Limit = 20 }),
            new("overlap with a zone, notCountry", new DirectoryQuery { Overlap = Window(6), NotCountries = ["MX"], Limit = 20 }),
            new("only notCountry", new DirectoryQuery { NotCountries = ["BR"], Limit = 20 }),
            new("whole pool by name", new DirectoryQuery { Limit = 20 }),
            new("whole pool by -updatedAt", new DirectoryQuery { Sort = SearchSort.UpdatedAtDescending, Limit = 20 }),
            new("whole pool, page 2,000", new DirectoryQuery { Offset = 39_980, Limit = 20 }),
        ];
    }

    public static void Run(CandidateIndex index, IReadOnlyDictionary<string, int> skillIds, int warmups, int iterations)
    {
        foreach (var scenario in All(skillIds))
        {
            DirectoryPage? page = null;
            var timing = Timing.Measure(warmups, iterations, () => page = index.Search(scenario.Query));
            Format.Progress($"  search {scenario.Name,-36} total {Format.N(page!.Total),10}  median {Format.Ms(timing.Median)} ms, p95 {Format.Ms(timing.P95)} ms ({timing.Count} runs)");
        }
    }
}
