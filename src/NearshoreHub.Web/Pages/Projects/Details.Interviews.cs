using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Pages.Projects;

public sealed record InterviewRow(Guid Id, Guid ProfessionalId, string FullName, DateTimeOffset Start, DateTimeOffset End, InterviewStatus Status);

/// <summary>The project's interviews (product spec §10), soonest first.</summary>
public sealed partial class DetailsModel
{
    public IReadOnlyList<InterviewRow> Interviews { get; private set; } = [];

    /// <summary>Why there is no ranking, when the project cannot be ranked.</summary>
    public string? MatchesProblem { get; private set; }

    private async Task LoadInterviewsAsync(Guid id, CancellationToken ct) =>
        Interviews = await db.Interviews.AsNoTracking().Where(i => i.ProjectId == id)
            .Join(db.Professionals, i => i.ProfessionalId, p => p.Id, (i, p) => new { i, p.FullName })
            .OrderBy(x => x.i.Start).Take(200)
            .Select(x => new InterviewRow(x.i.Id, x.i.ProfessionalId, x.FullName, x.i.Start, x.i.End, x.i.Status))
            .ToListAsync(ct);
}
