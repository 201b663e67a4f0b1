using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Pages.Admin.Skills;

public sealed class IndexModel(SkillCatalog catalog) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    [BindProperty(SupportsGet = true)]
    public SkillCategory? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Offset { get; set; }

    public IReadOnlyList<SkillDto> Skills { get; private set; } = [];
    public Pager Pager { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Offset = Math.Max(0, Offset);
        IEnumerable<SkillInfo> skills = catalog.All;
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = SkillCatalog.Normalize(Q);
            skills = skills.Where(s => s.Name.Contains(q, StringComparison.OrdinalIgnoreCase) || s.Slug.Contains(q, StringComparison.Ordinal)
                || s.Aliases.Any(a => a.Contains(q, StringComparison.OrdinalIgnoreCase)));
        }

        if (Category is { } category)
        {
            skills = skills.Where(s => s.Category == category);
        }

        var matching = skills.ToList();
        Skills = matching.Skip(Offset).Take(PageSize).Select(s => SkillsApi.ToDto(s, catalog)).ToList();
        Pager = new Pager(Offset, PageSize, matching.Count, offset => Url.Page("Index", new { Q, Category, offset }));
    }
}
