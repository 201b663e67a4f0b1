using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;

namespace NearshoreHub.Web.Features.PersonalData;

/// <summary>Interviews booked with the person, in any project: exported, and deleted on erasure.</summary>
public sealed class InterviewsPersonalData : IPersonalDataPart
{
    public string Section => "interviews";

    public async Task<object> ExportAsync(NearshoreDbContext db, Guid professionalId, CancellationToken ct) =>
        await db.Interviews.AsNoTracking().Where(i => i.ProfessionalId == professionalId).OrderBy(i => i.Start)
            .Select(i => new { i.Id, i.ProjectId, i.Start, i.End, Status = i.Status.ToString(), i.CreatedAt, i.CancelledAt })
            .ToListAsync(ct);

    public Task<int> EraseAsync(NearshoreDbContext db, Guid professionalId, PersonalIdentifiers person, CancellationToken ct) =>
        db.Interviews.Where(i => i.ProfessionalId == professionalId).ExecuteDeleteAsync(ct);
}
