using System.Text;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Configurations;
using NearshoreHub.Web.Features.SavedSearches;

namespace NearshoreHub.Web.Features.PersonalData;

/// <summary>
/// Erasure's part in recruiters' saved searches (product.md §13, §14): every saved search, whoever owns it, that names
/// the person keeps its owner, its other parameters and its seenAt, but its query loses the name and email and its
/// name says "Erased professional" instead. A search that was only for the person becomes the search that is left
/// (of everyone, if nothing is): it is the recruiter's own data, and deleting it would take their other filters and
/// their seenAt with it, while a search of everyone names nobody.
/// </summary>
public static class SavedSearchScrub
{
    /// <summary>Scrubs the saved searches that name the person, inside the caller's transaction; returns how many changed.</summary>
    public static async Task<int> ScrubAsync(NearshoreDbContext db, PersonalIdentifiers person, CancellationToken ct)
    {
        // No saved search is written until the erasure commits: one saved or edited meanwhile (still uncommitted when
        // it is read below) would keep the name. Reads go on; a second erasure waits here for the first.
        await db.Database.ExecuteSqlRawAsync("LOCK TABLE saved_searches IN SHARE ROW EXCLUSIVE MODE", ct);

        // Every saved search is read: a stored query is URL-encoded ("Jo%C3%A3o", "%40" for '@') and the match ignores
        // accents and case, which no LIKE on the stored text does reliably, and recruiters hold a few searches each.
        var saved = await db.SavedSearches.AsNoTracking().Select(s => new { s.Id, s.Name, s.Query }).ToListAsync(ct);
        var mentions = new PersonMentions(person);
        var changed = 0;
        foreach (var search in saved)
        {
            var name = ScrubName(search.Name, mentions);
            var query = ScrubQuery(search.Query, mentions);
            if (name == search.Name && query == search.Query)
            {
                continue;
            }

            await db.SavedSearches.Where(s => s.Id == search.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Name, name).SetProperty(s => s.Query, query), ct);
            changed++;
        }

        return changed;
    }

    internal static string ScrubName(string name, PersonMentions mentions)
    {
        var scrubbed = mentions.Replace(name, PersonalDataService.ErasedName);
        return scrubbed.Length <= SavedSearchConfiguration.MaxNameLength ? scrubbed : scrubbed[..SavedSearchConfiguration.MaxNameLength].TrimEnd();
    }

    /// <summary>
    /// The stored query with the person taken out of every parameter's value, re-encoded as a saved search is stored;
    /// a value left blank (q="João Araújo") is dropped. A query that names nobody comes back unchanged, byte for byte.
    /// </summary>
    internal static string ScrubQuery(string query, PersonMentions mentions)
    {
        var parameters = SavedSearchQueryString.Decode(query);
        var kept = new List<KeyValuePair<string, string>>(parameters.Count);
        var changed = false;
        foreach (var (key, value) in parameters)
        {
            var scrubbed = RemoveMentions(value, mentions);
            if (ReferenceEquals(scrubbed, value))
            {
                kept.Add(new(key, value));
                continue;
            }

            changed = true;
            if (!string.IsNullOrWhiteSpace(scrubbed))
            {
                kept.Add(new(key, scrubbed));
            }
        }

        return changed ? SavedSearchQueryString.Format(kept) : query;
    }

    /// <summary>The value without the mentions, white space collapsed; the same instance when it names nobody.</summary>
    private static string RemoveMentions(string value, PersonMentions mentions)
    {
        var spans = mentions.Find(value);
        if (spans.Count == 0)
        {
            return value;
        }

        var left = new StringBuilder(value.Length);
        var from = 0;
        foreach (var (start, end) in spans)
        {
            var (cutStart, cutEnd) = WithOperators(value, start, end);
            left.Append(value, from, Math.Max(cutStart - from, 0));
            from = Math.Max(from, cutEnd);
        }

        left.Append(value, from, value.Length - from);
        return string.Join(' ', left.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// A mention's span widened to the quotes around it and the "-" or NOT before it (<see cref="NearshoreHub.Web.Features.Professionals.SearchTerms"/>),
    /// so what is left of q does not turn an operator into a word of its own.
    /// </summary>
    private static (int Start, int End) WithOperators(string text, int start, int end)
    {
        if (start > 0 && end < text.Length && text[start - 1] == '"' && text[end] == '"')
        {
            start--;
            end++;
        }

        if (start > 0 && text[start - 1] == '-' && (start == 1 || char.IsWhiteSpace(text[start - 2])))
        {
            start--;
        }

        var before = text.AsSpan(0, start).TrimEnd();
        if (before.Length < start && before.EndsWith("NOT", StringComparison.Ordinal) && (before.Length == 3 || char.IsWhiteSpace(before[^4])))
        {
            start = before.Length - 3;
        }

        return (start, end);
    }
}
