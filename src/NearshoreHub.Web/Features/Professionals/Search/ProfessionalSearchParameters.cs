using System.Globalization;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>The query-string parameters of a search, as text, so every bad value becomes a 400 keyed by its name.</summary>
public sealed record ProfessionalSearchParameters(
    [DocumentAs(typeof(string), MaxLength = 200, Description = "Free text over name, headline, city and skills.")] string? Q,
    [DocumentAs(typeof(string), MaxLength = 2000, Description = "Comma list of skills, each optionally with a minimum level: csharp:4,postgres.", Example = "csharp:4,postgres")] string? Skills,
    [DocumentAs(typeof(string), MaxLength = 1000, Pattern = "^[A-Za-z]{2}(,[A-Za-z]{2})*$", Description = "Comma list of ISO 3166-1 alpha-2 codes.", Example = "BR,AR")] string? Country,
    [DocumentAs(typeof(string), MaxLength = 100, Pattern = "^[A-Za-z]+(,[A-Za-z]+)*$", Description = "Comma list of metro, city, town.")] string? CitySize,
    [DocumentAs(typeof(bool))] string? Rural,
    [DocumentAs(typeof(EnglishLevel), Description = "The lowest CEFR level accepted.")] string? MinEnglish,
    [DocumentAs(typeof(decimal), Minimum = 0, Maximum = 10_000, Description = "Highest hourly rate in USD.")] string? MaxRate,
    [DocumentAs(typeof(DateOnly), Description = "Available on or before this date.")] string? AvailableBy,
    [DocumentAs(typeof(string), MaxLength = Reference.MaxTimeZoneLength, Description = "IANA zone of the overlap window.", Example = "America/New_York")] string? OverlapZone,
    [DocumentAs(typeof(TimeOnly), Example = "09:00")] string? OverlapStart,
    [DocumentAs(typeof(TimeOnly), Example = "17:00")] string? OverlapEnd,
    [DocumentAs(typeof(double), Minimum = 0, Maximum = 24, Description = "Hours of overlap required on every weekday of the next four weeks (default 1).")] string? MinOverlap,
    [DocumentAs(typeof(string), MaxLength = 100, Pattern = "^[A-Za-z]+(,[A-Za-z]+)*$", Description = "Comma list of active, placed, inactive.")] string? Status,
    [DocumentAs(typeof(string), MaxLength = 11, Pattern = "^(-?(name|updatedAt|rate)|relevance)$", Description = "name, -name, updatedAt, -updatedAt, rate, -rate or relevance (needs q).")] string? Sort,
    [DocumentAs(typeof(int), Minimum = 0, Maximum = PageQuery.MaxOffset)] string? Offset,
    [DocumentAs(typeof(int), Minimum = 1, Maximum = PageQuery.MaxLimit)] string? Limit,
    [DocumentAs(typeof(string), MaxLength = 2000, Description = "Comma list of skills to leave out, each optionally with a minimum level (aliases count): php,java:3.", Example = "php")] string? NotSkills = null,
    [DocumentAs(typeof(string), MaxLength = 1000, Pattern = "^[A-Za-z]{2}(,[A-Za-z]{2})*$", Description = "Comma list of ISO 3166-1 alpha-2 codes to leave out.", Example = "US")] string? NotCountry = null,
    [DocumentAs(typeof(string), MaxLength = 100, Pattern = "^[A-Za-z]+(,[A-Za-z]+)*$", Description = "Comma list of metro, city, town to leave out.")] string? NotCitySize = null,
    [DocumentAs(typeof(Guid), Description = "Leave out everyone on this project's shortlist who is not rejected.")] string? ExcludeShortlistedFor = null)
{
    /// <summary>Every query-string parameter of a search, as the API spells it.</summary>
    public static readonly IReadOnlySet<string> Names = new HashSet<string>(StringComparer.Ordinal)
    {
        "q", "skills", "country", "citySize", "rural", "minEnglish", "maxRate", "availableBy", "overlapZone", "overlapStart",
        "overlapEnd", "minOverlap", "status", "notSkills", "notCountry", "notCitySize", "excludeShortlistedFor", "sort", "offset", "limit",
    };

    public static ProfessionalSearchParameters FromQuery(IQueryCollection query) => new(
        query["q"], query["skills"], query["country"], query["citySize"], query["rural"], query["minEnglish"], query["maxRate"],
        query["availableBy"], query["overlapZone"], query["overlapStart"], query["overlapEnd"], query["minOverlap"], query["status"],
        query["sort"], query["offset"], query["limit"], query["notSkills"], query["notCountry"], query["notCitySize"], query["excludeShortlistedFor"]);

    /// <summary>Parses every parameter; <paramref name="errors"/> is keyed by parameter name and empty when all are valid.</summary>
    public ProfessionalSearchQuery Parse(SkillCatalog catalog, out Dictionary<string, string[]> errors)
    {
        var problems = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Fail(string key, string message)
        {
            if (!problems.TryGetValue(key, out var list))
            {
                problems[key] = list = [];
            }

            list.Add(message);
        }

        var text = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (text is { Length: > 200 })
        {
            Fail("q", "At most 200 characters.");
        }
        else if (text is not null && text.Any(char.IsControl))
        {
            Fail("q", "Must not contain control characters.");
        }

        var terms = text is null ? [] : SearchTerms.Parse(text, ProfessionalSearch.MaxWords);
        var skills = SkillList(Skills, "skills");
        var notSkills = SkillList(NotSkills, "notSkills");
        List<SkillFilter> SkillList(string? value, string key)
        {
            var found = new List<SkillFilter>();
            foreach (var item in List(value))
            {
                var colon = item.LastIndexOf(':');
                var name = colon > 0 ? item[..colon] : item;
                var minLevel = 1;
                if (colon > 0 && (!int.TryParse(item.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out minLevel) || minLevel is < 1 or > 5))
                {
                    Fail(key, $"'{item}': the minimum level after the colon must be 1 to 5.");
                    continue;
                }

                if (catalog.Resolve(name) is { } skill)
                {
                    found.Add(new SkillFilter(skill.Id, minLevel));
                }
                else
                {
                    Fail(key, catalog.Describe(name));
                }
            }

            if (found.Count > 20)
            {
                Fail(key, "At most 20 skills.");
            }

            return found;
        }

        List<string> CountryList(string? value, string key)
        {
            var countries = List(value).Select(c => c.ToUpperInvariant()).ToList();
            foreach (var country in countries.Where(c => !Reference.IsCountry(c)))
            {
                Fail(key, $"'{country}' is not an ISO 3166-1 alpha-2 country code, such as BR.");
            }

            return countries;
        }

        List<string> CitySizeList(string? value, string key)
        {
            var sizes = new List<string>();
            foreach (var size in List(value))
            {
                if (EnumNames.TryParse<NearshoreHub.Matching.CitySize>(size, out var parsed))
                {
                    sizes.Add(parsed.ToString().ToLowerInvariant());
                }
                else
                {
                    Fail(key, $"'{size}' is not one of metro, city, town.");
                }
            }

            return sizes;
        }

        var countries = CountryList(Country, "country");
        var notCountries = CountryList(NotCountry, "notCountry");
        var citySizes = CitySizeList(CitySize, "citySize");
        var notCitySizes = CitySizeList(NotCitySize, "notCitySize");
        Guid? excludeShortlistedFor = null;
        if (!string.IsNullOrWhiteSpace(ExcludeShortlistedFor))
        {
            if (Guid.TryParse(ExcludeShortlistedFor.Trim(), out var projectId))
            {
                excludeShortlistedFor = projectId;
            }
            else
            {
                Fail("excludeShortlistedFor", "Must be a project id.");
            }
        }

        bool? rural = null;
        if (!string.IsNullOrWhiteSpace(Rural))
        {
            if (bool.TryParse(Rural.Trim(), out var value))
            {
                rural = value;
            }
            else
            {
                Fail("rural", "Must be true or false.");
            }
        }

        EnglishLevel? minEnglish = null;
        if (!string.IsNullOrWhiteSpace(MinEnglish))
        {
            if (EnumNames.TryParse<EnglishLevel>(MinEnglish.AsSpan().Trim(), out var level))
            {
                minEnglish = level;
            }
            else
            {
                Fail("minEnglish", "Must be a CEFR level: A1, A2, B1, B2, C1 or C2.");
            }
        }

        decimal? maxRate = null;
        if (!string.IsNullOrWhiteSpace(MaxRate))
        {
            if (decimal.TryParse(MaxRate.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate) && rate <= 10_000)
            {
                maxRate = rate;
            }
            else
            {
                Fail("maxRate", "Must be a number from 0 to 10000.");
            }
        }

        DateOnly? availableBy = null;
        if (!string.IsNullOrWhiteSpace(AvailableBy))
        {
            if (DateOnly.TryParseExact(AvailableBy.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                availableBy = date;
            }
            else
            {
                Fail("availableBy", "Must be a date as YYYY-MM-DD.");
            }
        }

        var overlap = ParseOverlap(Fail);

        var statuses = new List<ProfessionalStatus>();
        foreach (var status in List(Status))
        {
            if (EnumNames.TryParse<ProfessionalStatus>(status, out var parsed))
            {
                statuses.Add(parsed);
            }
            else
            {
                Fail("status", $"'{status}' is not one of active, placed, inactive.");
            }
        }

        // A text that only excludes finds no words to rank by: it is the whole pool minus the excluded, by name.
        var findsWords = terms.Any(t => !t.Exclude);
        var sort = findsWords ? SearchSort.Relevance : SearchSort.Name;
        if (!string.IsNullOrWhiteSpace(Sort))
        {
            SearchSort? parsed = Sort.Trim() switch
            {
                "name" => SearchSort.Name,
                "-name" => SearchSort.NameDescending,
                "updatedAt" => SearchSort.UpdatedAt,
                "-updatedAt" => SearchSort.UpdatedAtDescending,
                "rate" => SearchSort.Rate,
                "-rate" => SearchSort.RateDescending,
                "relevance" => SearchSort.Relevance,
                _ => null,
            };
            if (parsed is null)
            {
                Fail("sort", "Must be one of name, -name, updatedAt, -updatedAt, rate, -rate, relevance.");
            }
            else if (parsed == SearchSort.Relevance && text is null)
            {
                Fail("sort", "Sorting by relevance needs q.");
            }
            else
            {
                sort = parsed == SearchSort.Relevance && !findsWords ? SearchSort.Name : parsed.Value;
            }
        }

        var offset = Integer(Offset, "offset", 0, 0, PageQuery.MaxOffset, Fail);
        var limit = Integer(Limit, "limit", 50, 1, PageQuery.MaxLimit, Fail);

        errors = problems.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        return new ProfessionalSearchQuery
        {
            Text = text,
            Skills = skills,
            Countries = countries.Distinct().ToList(),
            CitySizes = citySizes.Distinct().ToList(),
            Rural = rural,
            MinEnglish = minEnglish,
            MaxRate = maxRate,
            AvailableBy = availableBy,
            Overlap = overlap,
            Statuses = statuses.Distinct().ToList(),
            Sort = sort,
            Offset = offset,
            Limit = limit,
            Terms = terms,
            NotSkills = notSkills,
            NotCountries = notCountries.Distinct().ToList(),
            NotCitySizes = notCitySizes.Distinct().ToList(),
            ExcludeShortlistedFor = excludeShortlistedFor,
        };
    }

    private OverlapFilter? ParseOverlap(Action<string, string> fail)
    {
        var any = !string.IsNullOrWhiteSpace(OverlapZone) || !string.IsNullOrWhiteSpace(OverlapStart)
            || !string.IsNullOrWhiteSpace(OverlapEnd) || !string.IsNullOrWhiteSpace(MinOverlap);
        if (!any)
        {
            return null;
        }

        var ok = true;
        var zone = OverlapZone?.Trim();
        if (string.IsNullOrEmpty(zone))
        {
            fail("overlapZone", "Required with overlapStart, overlapEnd or minOverlap.");
            ok = false;
        }
        else if (!Reference.IsTimeZone(zone))
        {
            fail("overlapZone", "Must be an IANA time zone id, such as America/New_York.");
            ok = false;
        }

        TimeOnly Time(string? value, string key)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                fail(key, "Required with overlapZone.");
                ok = false;
                return default;
            }

            if (TimeOnly.TryParseExact(value.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
            {
                return time;
            }

            fail(key, "Must be a time of day as HH:mm.");
            ok = false;
            return default;
        }

        var start = Time(OverlapStart, "overlapStart");
        var end = Time(OverlapEnd, "overlapEnd");
        if (ok && start >= end)
        {
            fail("overlapStart", "The start must be before the end.");
            ok = false;
        }

        var minHours = ProfessionalSearchQuery.DefaultMinOverlapHours;
        if (!string.IsNullOrWhiteSpace(MinOverlap))
        {
            if (!double.TryParse(MinOverlap.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out minHours) || minHours > 24)
            {
                fail("minOverlap", "Must be a number of hours from 0 to 24.");
                ok = false;
            }
        }

        return ok ? new OverlapFilter(zone!, start, end, minHours) : null;
    }

    private static int Integer(string? value, string key, int fallback, int min, int max, Action<string, string> fail)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return fallback;
        }

        if (int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        fail(key, max == int.MaxValue ? $"Must be a whole number ≥ {min}." : $"Must be a whole number from {min} to {max}.");
        return fallback;
    }

    private static List<string> List(string? value) =>
        string.IsNullOrWhiteSpace(value) ? [] : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
