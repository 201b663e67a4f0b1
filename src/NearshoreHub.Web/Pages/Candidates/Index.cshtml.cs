using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Pages.Candidates;

/// <summary>
/// Candidate search. The form's fields are the API's query-string parameters, so a search is a shareable URL and
/// bad values get the API's own messages, shown beside the field that holds what was typed.
/// </summary>
public sealed class IndexModel(ProfessionalSearch search, SkillCatalog catalog) : PageModel
{
    public const int PageSize = 25;

    public static readonly IReadOnlyList<string> CitySizes = ["metro", "city", "town"];
    public static readonly IReadOnlyList<string> EnglishLevels = ["A1", "A2", "B1", "B2", "C1", "C2"];

    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
    [
        ("", "Best fit (relevance with text, else name)"), ("name", "Name A–Z"), ("-name", "Name Z–A"),
        ("-updatedAt", "Recently updated"), ("rate", "Rate, lowest first"), ("-rate", "Rate, highest first"),
    ];

    public Dictionary<string, string[]> Errors { get; private set; } = [];
    public PagedList<ProfessionalDto>? Results { get; private set; }
    public Pager? Pager { get; private set; }

    /// <summary>What was typed for a parameter, kept as text so a bad value comes back unchanged.</summary>
    public string Value(string key) => Request.Query[key].ToString();

    public IReadOnlyList<string> Values(string key) => Request.Query[key].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();

    public IReadOnlyList<string> ErrorsFor(string key) => Errors.TryGetValue(key, out var messages) ? messages : [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var parameters = ProfessionalSearchParameters.FromQuery(Request.Query) with { Limit = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        var query = parameters.Parse(catalog, out var errors);
        Errors = errors.Count > 0 ? errors : await search.CheckReferencesAsync(query, ct);
        if (Errors.Count > 0)
        {
            return;
        }

        Results = await search.SearchAsync(query, ct);
        Pager = new Pager(query.Offset, PageSize, Results.Total, LinkTo);
    }

    // Every filter stays in the link; only the offset changes.
    private string LinkTo(int offset)
    {
        var pairs = Request.Query.Where(p => p.Key is not "offset" and not "limit")
            .SelectMany(p => p.Value.Select(v => new KeyValuePair<string, string?>(p.Key, v)))
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .ToList();
        if (offset > 0)
        {
            pairs.Add(new("offset", offset.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return QueryHelpers.AddQueryString(Url.Page("Index")!, pairs);
    }
}
