using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Notes;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Features.SavedSearches;

/// <summary>Saving a search, shared by the API and the search page: the query must parse as a search, or nothing is written.</summary>
public sealed class SavedSearchWrites(NearshoreDbContext db, SkillCatalog catalog, ProfessionalSearch search, SavedSearchNews news, AuditLog audit)
{
    public async Task<(SavedSearch? Saved, Dictionary<string, string[]>? Errors)> CreateAsync(string name, string queryString, HttpContext http)
    {
        var ct = http.RequestAborted;
        await catalog.EnsureFreshAsync(ct);
        var (stored, query) = SavedSearchQueryString.Parse(queryString, catalog, out var errors);
        if (errors.Count == 0)
        {
            foreach (var (key, messages) in await search.CheckReferencesAsync(query, ct))
            {
                errors[$"query.{key}"] = messages;
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var now = news.Now();
        var saved = new SavedSearch
        {
            Id = Guid.CreateVersion7(),
            OwnerId = NoteWrites.UserId(http.User) ?? throw new InvalidOperationException("A staff caller without a user id."),
            Name = name.Trim(),
            Query = stored,
            SeenAt = now,
            CreatedAt = now,
        };
        db.SavedSearches.Add(saved);
        await db.SaveChangesAsync(ct);
        await audit.WriteAsync(http, "saved-search.create", saved.Id.ToString());
        return (saved, null);
    }
}
