using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages.Admin.Skills;

public sealed class CreateModel(NearshoreDbContext db, SkillCatalog catalog, IValidator<SkillRequest> validator, TimeProvider clock, AuditLog audit) : PageModel
{
    public const int RelatedRows = 5;

    [BindProperty]
    public SkillInput Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Empty related rows are spare rows, not mistakes; the row numbers in messages follow the submitted rows.
        var related = Input.Related.Select((r, i) => (Row: i, r)).Where(x => !string.IsNullOrWhiteSpace(x.r.Skill)).ToList();
        var request = new SkillRequest(
            Input.Name,
            string.IsNullOrWhiteSpace(Input.Slug) ? null : Input.Slug.Trim(),
            Input.Category,
            (Input.Aliases ?? "").Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
            related.Select(x => new RelatedSkillRequest(x.r.Skill, x.r.Similarity ?? 0.5)).ToList());
        var result = await validator.ValidateAsync(request, HttpContext.RequestAborted);
        ModelState.AddFieldErrors(result.ToFieldErrors(), rename: path => RenameRelated(path, related.Select(x => x.Row).ToList()));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        SkillInfo skill;
        try
        {
            skill = await SkillWrites.CreateAsync(request, db, catalog, clock, audit, HttpContext);
        }
        catch (DuplicateException e)
        {
            ModelState.AddModelError(e.Message.Contains("alias", StringComparison.Ordinal) ? "Input.Aliases" : "Input.Name", e.Message);
            return Page();
        }

        TempData["Message"] = $"{skill.Name} is in the catalogue.";
        return RedirectToPage("Index", new { q = skill.Slug });
    }

    /// <summary>"related[1].skill" is the second non-empty row, which may be the fourth row on the form.</summary>
    private static string RenameRelated(string path, List<int> rows)
    {
        if (path.StartsWith("aliases", StringComparison.Ordinal))
        {
            return "aliases";
        }

        if (!path.StartsWith("related[", StringComparison.Ordinal))
        {
            // The list-wide rule ("at most 50") has no single field to sit beside.
            return path == "related" ? "" : path;
        }

        var close = path.IndexOf(']', StringComparison.Ordinal);
        var index = int.Parse(path[8..close], CultureInfo.InvariantCulture);
        return index < rows.Count ? $"related[{rows[index]}]{path[(close + 1)..]}" : path;
    }
}

public sealed class SkillInput
{
    public string? Name { get; set; }
    public string? Slug { get; set; }
    public SkillCategory? Category { get; set; }
    /// <summary>Comma-separated, as typed.</summary>
    public string? Aliases { get; set; }
    public List<RelatedInput> Related { get; set; } = Enumerable.Range(0, CreateModel.RelatedRows).Select(_ => new RelatedInput()).ToList();
}

public sealed class RelatedInput
{
    public string? Skill { get; set; }
    public double? Similarity { get; set; }
}
