using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Notes;
using NearshoreHub.Web.Features.SavedSearches;

namespace NearshoreHub.Web.Pages.SavedSearches;

public sealed record SavedSearchRow(Guid Id, string Name, string Query, DateTimeOffset SeenAt, int NewCount);

/// <summary>The signed-in recruiter's saved searches with how many matches are new to each; saving one posts here.</summary>
public sealed class IndexModel(NearshoreDbContext db, SavedSearchNews news, SavedSearchWrites writes) : PageModel
{
    public IReadOnlyList<SavedSearchRow> Searches { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? Query { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var request = new SavedSearchRequest(Name, Query ?? "");
        var validation = await new SavedSearchRequestValidator().ValidateAsync(request, HttpContext.RequestAborted);
        if (!validation.IsValid)
        {
            Errors = validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray());
            await LoadAsync();
            return Page();
        }

        var (saved, errors) = await writes.CreateAsync(Name!, Query ?? "", HttpContext);
        if (saved is null)
        {
            Errors = errors!;
            await LoadAsync();
            return Page();
        }

        TempData["Message"] = $"Saved \"{saved.Name}\". New matches will be counted from now on.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var owner = NoteWrites.UserId(User);
        var searches = await db.SavedSearches.AsNoTracking().Where(s => owner != null && s.OwnerId == owner)
            .OrderBy(s => s.Name).ThenBy(s => s.Id).Take(200).ToListAsync(HttpContext.RequestAborted);
        var counts = await news.CountAsync(searches, HttpContext.RequestAborted);
        Searches = searches.Select((s, i) => new SavedSearchRow(s.Id, s.Name, s.Query, s.SeenAt, counts[i])).ToList();
    }
}
