using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Features.PersonalData;

/// <summary>
/// Finds and erases a professional's personal data. Erasure runs in one transaction: reports are pseudonymised, the
/// person's rows and every stored copy of their data are deleted, recruiters' saved searches and audit details that
/// quote them are scrubbed, and the ranking indexes are told the person is gone.
/// </summary>
public sealed class PersonalDataService(
    NearshoreDbContext db, SkillCatalog catalog, IEnumerable<IPersonalDataPart> parts, ProfessionalChanges changes, TimeProvider clock, AuditLog audit)
{
    public const string ErasedName = "Erased professional";

    public async Task<PersonalDataExport?> ExportAsync(Guid id, CancellationToken ct)
    {
        var professional = await db.Professionals.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == id, ct);
        if (professional is null)
        {
            return null;
        }

        var profile = professional.ToDto(catalog);
        var shortlist = await db.ShortlistEntries.AsNoTracking().Where(s => s.ProfessionalId == id).OrderBy(s => s.AddedAt)
            .Select(s => new ShortlistEntryData(s.ProjectId, s.Status, s.Notes, s.AddedBy, s.AddedAt, s.UpdatedAt))
            .ToListAsync(ct);
        var reportEntries = new List<ReportEntryData>();
        foreach (var report in await ReportsNaming(id).AsNoTracking().OrderBy(r => r.CreatedAt).ToListAsync(ct))
        {
            foreach (var entry in Entries(JsonNode.Parse(report.Snapshot)!, id))
            {
                reportEntries.Add(new ReportEntryData(report.Id, report.ProjectId, report.CreatedAt, report.ReviewStatus,
                    JsonSerializer.SerializeToElement(entry)));
            }
        }

        var idText = id.ToString();
        var auditEntries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Target != null && (a.Target == idText || a.Target.EndsWith("/" + idText)))
            .OrderBy(a => a.Id)
            .Select(a => new AuditEntryData(a.Id, a.At, a.Actor, a.Action, a.Target, a.Details))
            .ToListAsync(ct);
        var export = new PersonalDataExport(id, profile, profile.Skills, shortlist, reportEntries, auditEntries);
        foreach (var part in parts)
        {
            export.Parts[part.Section] = JsonSerializer.SerializeToElement(await part.ExportAsync(db, id, ct), JsonSerializerOptions.Web);
        }

        return export;
    }

    public async Task<ErasureResult?> EraseAsync(Guid id, string reason, HttpContext http)
    {
        var ct = http.RequestAborted;
        var person = await db.Professionals.AsNoTracking().Where(p => p.Id == id)
            .Select(p => new PersonalIdentifiers(p.Id, p.FullName, p.Email)).SingleOrDefaultAsync(ct);
        if (person is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var pseudonym = Guid.NewGuid();
        int reports;
        int shortlist;
        var partsDeleted = new Dictionary<string, int>();
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            reports = await PseudonymiseReportsAsync(id, pseudonym, ct);
            foreach (var part in parts)
            {
                partsDeleted[part.Section] = await part.EraseAsync(db, id, person, ct);
            }

            shortlist = await db.ShortlistEntries.Where(s => s.ProfessionalId == id).ExecuteDeleteAsync(ct);
            await db.ProfessionalSkills.Where(s => s.ProfessionalId == id).ExecuteDeleteAsync(ct);
            await db.Professionals.Where(p => p.Id == id).ExecuteDeleteAsync(ct);
            partsDeleted["idempotencyRecords"] = await DeleteStoredRequestsAsync(person, ct);
            partsDeleted["savedSearches"] = await SavedSearchScrub.ScrubAsync(db, person, ct);
            await AuditScrub.ScrubAsync(db, person, ct);
            await changes.PublishAsync(db, [id], ct);
            await tx.CommitAsync(ct);
        }

        changes.Committed([id]);
        // Ids only: the reason is kept with any quote of the person's name or email cut out.
        await audit.WriteAsync(http, "professional.erasure", id.ToString(),
            $"{reports} reports pseudonymised; {partsDeleted["savedSearches"]} saved searches scrubbed; reason: {AuditScrub.Scrub(reason.Trim(), person)}");
        return new ErasureResult(id, now, reports, shortlist, partsDeleted);
    }

    private IQueryable<Data.Entities.MatchReport> ReportsNaming(Guid id)
    {
        // jsonb containment, so only the reports that name the person are read.
        var probe = JsonSerializer.Serialize(new { items = new[] { new { professional = new { id } } } });
        return db.MatchReports.Where(r => EF.Functions.JsonContains(r.Snapshot, probe));
    }

    private static IEnumerable<JsonObject> Entries(JsonNode snapshot, Guid id)
    {
        if (snapshot["items"] is not JsonArray items)
        {
            yield break;
        }

        foreach (var item in items.OfType<JsonObject>())
        {
            if (item["professional"] is JsonObject professional && professional["id"]?.GetValue<string>() is { } value
                && Guid.TryParse(value, out var itemId) && itemId == id)
            {
                yield return item;
            }
        }
    }

    /// <summary>Every frozen entry keeps its rank, score, breakdown, overlap and the fields representation counts use.</summary>
    private async Task<int> PseudonymiseReportsAsync(Guid id, Guid pseudonym, CancellationToken ct)
    {
        var reports = await ReportsNaming(id).ToListAsync(ct);
        foreach (var report in reports)
        {
            var snapshot = JsonNode.Parse(report.Snapshot)!;
            foreach (var item in Entries(snapshot, id))
            {
                var professional = (JsonObject)item["professional"]!;
                professional["id"] = pseudonym.ToString();
                professional["fullName"] = ErasedName;
                professional.Remove("city");
            }

            report.Snapshot = snapshot.ToJsonString();
        }

        await db.SaveChangesAsync(ct);
        return reports.Count;
    }

    /// <summary>Stored request replays whose body, or Location, holds the person's id, name or email.</summary>
    private async Task<int> DeleteStoredRequestsAsync(PersonalIdentifiers person, CancellationToken ct)
    {
        var needles = AuditScrub.Variants(person).Append(person.Id.ToString()).Select(Encoding.UTF8.GetBytes).ToArray();
        var idText = person.Id.ToString();
        return await db.Database.ExecuteSqlInterpolatedAsync($"""
            DELETE FROM idempotency_records r
            WHERE r.location LIKE '%' || {idText} || '%'
               OR (r.body IS NOT NULL AND EXISTS (SELECT 1 FROM unnest({needles}) AS n(needle) WHERE position(n.needle IN r.body) > 0))
            """, ct);
    }
}
