using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.SavedSearches;

namespace NearshoreHub.Web.Features.PersonalData;

/// <summary>
/// Erasure's part in the audit log: details that quote the person keep their ids and lose the quote. The name and email
/// are found as written (plain, JSON-escaped, URL-encoded; any case) in every entry. Where a person's name is typed
/// freely, an export's search text (its details are the query string) and the erasure's own reason, they are also
/// found as whole words whatever their case, accents and spacing (<see cref="PersonMentions"/>, as in saved searches),
/// so "joao  ARAUJO" goes too when João Araújo is erased.
/// </summary>
public static class AuditScrub
{
    public const string Redacted = "[erased]";

    private const string ExportAction = "professional.export";

    /// <summary>Scrubs the audit entries that quote the person, inside the caller's transaction.</summary>
    public static async Task ScrubAsync(NearshoreDbContext db, PersonalIdentifiers person, CancellationToken ct)
    {
        var patterns = Variants(person).Select(v => "%" + v.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%").ToArray();
        // Every export's entry is read (their search text may spell the name another way): exports are a recruiter's
        // deliberate, occasional act. Folding every entry's details in SQL instead took 18 s per million rows (measured).
        var quoting = await db.AuditEntries
            .FromSqlInterpolated($"SELECT * FROM audit_entries WHERE details ILIKE ANY ({patterns}) OR (action = {ExportAction} AND details IS NOT NULL)")
            .ToListAsync(ct);
        var scrub = Scrubber(person);
        foreach (var entry in quoting)
        {
            entry.Details = scrub(entry.Details!);
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary><paramref name="text"/> without the person's name and email.</summary>
    public static string Scrub(string text, PersonalIdentifiers person) => Scrubber(person)(text);

    /// <summary>Scrubs text of the person: the variants and mentions are worked out once, for every entry read.</summary>
    private static Func<string, string> Scrubber(PersonalIdentifiers person)
    {
        var variants = Variants(person).OrderByDescending(v => v.Length).ToArray();
        var mentions = new PersonMentions(person);
        return text =>
        {
            foreach (var variant in variants)
            {
                text = text.Replace(variant, Redacted, StringComparison.OrdinalIgnoreCase);
            }

            return text.StartsWith('?') ? ScrubQueryString(text, mentions) : mentions.Replace(text, Redacted);
        };
    }

    /// <summary>The name and email as they may be written down: plain, JSON-escaped, and URL-encoded.</summary>
    public static IEnumerable<string> Variants(PersonalIdentifiers person) =>
        new[] { person.FullName, person.Email }
            .SelectMany(v => new[]
            {
                v,
                JsonSerializer.Serialize(v)[1..^1],
                Uri.EscapeDataString(v),
                Uri.EscapeDataString(v).Replace("%20", "+", StringComparison.Ordinal),
            })
            .Where(v => v.Length >= 3)
            .Distinct(StringComparer.Ordinal);

    /// <summary>
    /// A query string with each value that mentions the person decoded, scrubbed and encoded again, as saved searches
    /// are stored (<see cref="SavedSearchQueryString"/>); the same instance when it names nobody.
    /// </summary>
    private static string ScrubQueryString(string query, PersonMentions mentions)
    {
        var parameters = SavedSearchQueryString.Decode(query);
        var changed = false;
        for (var i = 0; i < parameters.Count; i++)
        {
            var scrubbed = mentions.Replace(parameters[i].Value, Redacted);
            if (!ReferenceEquals(scrubbed, parameters[i].Value))
            {
                parameters[i] = new(parameters[i].Key, scrubbed);
                changed = true;
            }
        }

        return changed ? "?" + SavedSearchQueryString.Format(parameters) : query;
    }
}
