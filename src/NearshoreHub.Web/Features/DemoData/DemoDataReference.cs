using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Seed;

namespace NearshoreHub.Web.Features.DemoData;

internal sealed record DemoCity(string Country, string Name, int Population, string TimeZone, DemoDataNames Names)
{
    public bool IsTown => Population < 100_000;
}

internal sealed record DemoSkill(int Id, string Slug, double Probability);

internal sealed record DemoRole(
    string Id, string Name, double Share, string[] Headlines, DemoSkill[] Core, DemoSkill[] Optional, (int Min, int Max)[] RateBySeniority);

/// <summary>
/// The shipped reference files turned into what the generator samples from: real cities weighted by
/// population, and role profiles whose skills are resolved to this database's skill ids.
/// </summary>
internal sealed class DemoDataReference
{
    // Towns (< 100,000 people) hold about 29% of the population in the cities file; weighting them up a
    // little gives them roughly 36% of the seeded people, which is the small-town talent the product is about.
    private const double TownWeight = 1.35;

    // Seniority and levels follow the file's order: junior, mid, senior, lead.
    private static readonly string[] SeniorityKeys = ["junior", "mid", "senior", "lead"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private DemoDataReference(
        DemoCity[] cities, double[] cityCumulative, DemoRole[] roles, double[] roleCumulative,
        double[] seniorityCumulative, double[] englishCumulative, (int Min, int Max)[] levels, (int Min, int Max)[] years)
    {
        Cities = cities;
        CityCumulative = cityCumulative;
        Roles = roles;
        RoleCumulative = roleCumulative;
        SeniorityCumulative = seniorityCumulative;
        EnglishCumulative = englishCumulative;
        LevelBySeniority = levels;
        YearsBySeniority = years;
    }

    public DemoCity[] Cities { get; }

    public double[] CityCumulative { get; }

    public DemoRole[] Roles { get; }

    public double[] RoleCumulative { get; }

    public double[] SeniorityCumulative { get; }

    /// <summary>Cumulative shares of A1…C2, in that order.</summary>
    public double[] EnglishCumulative { get; }

    public (int Min, int Max)[] LevelBySeniority { get; }

    public (int Min, int Max)[] YearsBySeniority { get; }

    public static async Task<DemoDataReference> LoadAsync(IReadOnlyDictionary<string, int> skillIdsBySlug, CancellationToken ct)
    {
        var cities = await LoadCitiesAsync(ct);
        var mix = JsonSerializer.Deserialize<SkillMixFile>(
            await File.ReadAllTextAsync(SkillCatalogSeeder.ReferenceFile("skill-mix.json"), ct), Json)
            ?? throw new InvalidOperationException("skill-mix.json is empty.");

        var roles = mix.Roles.Select(role => new DemoRole(
            role.Id,
            role.Name,
            role.Share,
            SeniorityKeys.Select(key => role.Headline.Replace("{seniority}", mix.SeniorityLabels[key], StringComparison.Ordinal)).ToArray(),
            role.CoreSkills.Select(slug => Resolve(slug, 1, skillIdsBySlug)).OfType<DemoSkill>().ToArray(),
            role.OptionalSkills.Select(o => Resolve(o.Skill, o.Probability, skillIdsBySlug)).OfType<DemoSkill>().ToArray(),
            SeniorityKeys.Select(key => (role.HourlyRateUsd[key].Min, role.HourlyRateUsd[key].Max)).ToArray())).ToArray();
        var unusable = roles.Where(r => r.Core.Length == 0 && r.Optional.Length == 0).Select(r => r.Id).ToList();
        if (unusable.Count > 0)
        {
            throw new InvalidOperationException(
                $"None of the skills of role(s) {string.Join(", ", unusable)} are in the skills table; run the app once (or `migrate`) so the shipped catalogue is loaded.");
        }

        return new DemoDataReference(
            cities,
            Cumulative(cities.Select(c => c.Population * (c.IsTown ? TownWeight : 1.0))),
            roles,
            Cumulative(roles.Select(r => r.Share)),
            Cumulative(SeniorityKeys.Select(k => mix.SeniorityDistribution[k])),
            Cumulative(Enum.GetNames<EnglishLevel>().Select(k => mix.EnglishDistribution[k])),
            SeniorityKeys.Select(k => (mix.SkillLevelBySeniority[k].Min, mix.SkillLevelBySeniority[k].Max)).ToArray(),
            SeniorityKeys.Select(k => (mix.YearsBySeniority[k].Min, mix.YearsBySeniority[k].Max)).ToArray());
    }

    /// <summary>Index drawn with probability proportional to the weights behind <paramref name="cumulative"/>.</summary>
    public static int Pick(double[] cumulative, Random random)
    {
        var target = random.NextDouble() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, target);
        index = index < 0 ? ~index : index + 1;
        return Math.Min(index, cumulative.Length - 1);
    }

    private static DemoSkill? Resolve(string slug, double probability, IReadOnlyDictionary<string, int> ids) =>
        ids.TryGetValue(slug, out var id) ? new DemoSkill(id, slug, probability) : null;

    private static double[] Cumulative(IEnumerable<double> weights)
    {
        var sum = 0.0;
        return weights.Select(w => sum += Math.Max(0, w)).ToArray();
    }

    private static async Task<DemoCity[]> LoadCitiesAsync(CancellationToken ct)
    {
        var lines = await File.ReadAllLinesAsync(SkillCatalogSeeder.ReferenceFile("latam-cities.csv"), ct);
        var cities = new List<DemoCity>(lines.Length);
        // Same zone and country strings for every row of a city: 2.2 million rows share a few thousand instances.
        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        string Shared(string s) => strings.TryGetValue(s, out var existing) ? existing : strings[s] = s;
        foreach (var line in lines.Skip(1))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            // country,city,population,timeZone,latitude,longitude; a city name with a comma is quoted.
            var parts = SplitCsv(line);
            var country = Shared(parts[0]);
            cities.Add(new DemoCity(country, parts[1], int.Parse(parts[2], CultureInfo.InvariantCulture), Shared(parts[3]), DemoDataNames.ForCountry(country)));
        }

        return cities.ToArray();
    }

    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>(6);
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        fields.Add(field.ToString());
        return fields;
    }

    private sealed record Range(int Min, int Max);

    private sealed record OptionalSkill(string Skill, double Probability);

    private sealed record RoleFile(
        string Id, string Name, double Share, string Headline, List<string> CoreSkills, List<OptionalSkill> OptionalSkills,
        Dictionary<string, Range> HourlyRateUsd);

    private sealed record SkillMixFile(
        Dictionary<string, double> SeniorityDistribution,
        Dictionary<string, string> SeniorityLabels,
        Dictionary<string, double> EnglishDistribution,
        Dictionary<string, Range> SkillLevelBySeniority,
        Dictionary<string, Range> YearsBySeniority,
        [property: JsonRequired] List<RoleFile> Roles);
}
