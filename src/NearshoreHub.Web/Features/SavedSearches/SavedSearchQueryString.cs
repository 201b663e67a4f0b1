using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.WebUtilities;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Features.SavedSearches;

/// <summary>
/// A saved search's query string: the search's own parameters (errors keyed <c>query.&lt;param&gt;</c>), with offset,
/// limit and sort dropped, since a saved search is a set of people rather than a page of them.
/// </summary>
public static class SavedSearchQueryString
{
    public static readonly IReadOnlySet<string> Ignored = new HashSet<string>(["offset", "limit", "sort"], StringComparer.Ordinal);

    /// <summary>The stored form (ignored parameters left out) and the parsed search; errors are empty when it parses.</summary>
    public static (string Stored, ProfessionalSearchQuery Query) Parse(string text, SkillCatalog catalog, out Dictionary<string, string[]> errors)
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var raw = text.Trim();
        if (raw.StartsWith('?'))
        {
            raw = raw[1..];
        }

        Dictionary<string, Microsoft.Extensions.Primitives.StringValues> values;
        try
        {
            values = QueryHelpers.ParseQuery(raw);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            errors["query"] = ["Must be a URL query string such as q=engineer&country=BR."];
            return ("", new ProfessionalSearchQuery());
        }

        var kept = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in values)
        {
            if (Ignored.Contains(key))
            {
                continue;
            }

            if (!ProfessionalSearchParameters.Names.Contains(key))
            {
                errors[$"query.{key}"] = [$"'{key}' is not a search parameter; use {string.Join(", ", ProfessionalSearchParameters.Names)}."];
                continue;
            }

            foreach (var item in value)
            {
                kept.Add(new(key, item ?? ""));
            }
        }

        var searched = values.Where(v => !Ignored.Contains(v.Key)).ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        var query = ProfessionalSearchParameters.FromQuery(new QueryCollection(searched)).Parse(catalog, out var problems);
        foreach (var (key, messages) in problems)
        {
            errors[$"query.{key}"] = messages;
        }

        return (Format(kept), query);
    }

    /// <summary>A stored query's parameters, decoded ('+' and %20 are spaces), in their stored order.</summary>
    public static List<KeyValuePair<string, string>> Decode(string stored) =>
        QueryHelpers.ParseQuery(stored).SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string>(p.Key, v ?? ""))).ToList();

    /// <summary>The stored form of parameters: URL-encoded as a query string without '?'.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> parameters) =>
        (new QueryBuilder(parameters).ToQueryString().Value ?? "").TrimStart('?');
}
