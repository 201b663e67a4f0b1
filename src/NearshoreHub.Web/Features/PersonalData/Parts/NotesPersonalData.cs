using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;

namespace NearshoreHub.Web.Features.PersonalData;

/// <summary>Recruiters' notes about the person: exported whole, deleted on erasure (their text may name the person).</summary>
public sealed class NotesPersonalData : IPersonalDataPart
{
    public string Section => "notes";

    public async Task<object> ExportAsync(NearshoreDbContext db, Guid professionalId, CancellationToken ct) =>
        await db.ProfessionalNotes.AsNoTracking().Where(n => n.ProfessionalId == professionalId).OrderBy(n => n.CreatedAt)
            .Select(n => new { n.Id, n.Text, n.AuthorName, n.CreatedAt })
            .ToListAsync(ct);

    public Task<int> EraseAsync(NearshoreDbContext db, Guid professionalId, PersonalIdentifiers person, CancellationToken ct) =>
        db.ProfessionalNotes.Where(n => n.ProfessionalId == professionalId).ExecuteDeleteAsync(ct);
}
