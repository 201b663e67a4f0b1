using System.Globalization;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Features.Funnel;

/// <summary>
/// Builds a project's funnel: the eligible pool and the top come from one ranking in the candidate index, the later
/// stages from the shortlist. The nudge re-ranks once per applicable relaxation (see <see cref="RepresentationNudge"/>).
/// </summary>
public sealed class RepresentationFunnel(CandidateIndexHost host, NearshoreDbContext db, SkillCatalog catalog, TimeProvider clock)
{
    public async Task<RepresentationFunnelDto?> ForAsync(Guid projectId, int top, bool withNudge, CancellationToken ct)
    {
        var project = await db.Projects.AsNoTracking().Include(p => p.Skills).SingleOrDefaultAsync(p => p.Id == projectId, ct);
        if (project is null)
        {
            return null;
        }

        var entries = await db.ShortlistEntries.AsNoTracking()
            .Where(s => s.ProjectId == projectId && s.Status != ShortlistStatus.Rejected)
            .Join(db.Professionals, s => s.ProfessionalId, p => p.Id, (s, p) => new { s.Status, p.Country, p.CityPopulation, p.IsRural })
            .ToListAsync(ct);

        var index = await host.GetAsync(ct);
        var query = MatchingService.ToQuery(project);
        var ranking = index.Rank(query, top, 0);

        Representation Of(Func<ShortlistStatus, bool> stage)
        {
            var counter = new RepresentationCounter();
            foreach (var e in entries.Where(e => stage(e.Status)))
            {
                counter.Add(e.Country, CitySizes.FromPopulation(e.CityPopulation), e.IsRural);
            }

            return counter.ToRepresentation();
        }

        FunnelStageDto[] stages =
        [
            Stage(FunnelStageKind.Eligible, ranking.Pool),
            Stage(FunnelStageKind.Top, ranking.Top),
            Stage(FunnelStageKind.Shortlisted, Of(_ => true)),
            Stage(FunnelStageKind.Interviewing, Of(s => s is ShortlistStatus.Interviewing or ShortlistStatus.Hired)),
            Stage(FunnelStageKind.Hired, Of(s => s == ShortlistStatus.Hired)),
        ];

        NudgeDto? nudge = null;
        if (withNudge && RepresentationNudge.Find(index, query, top, ranking) is { } found)
        {
            nudge = ToDto(found, query);
        }

        return new RepresentationFunnelDto(projectId, clock.GetUtcNow(), top, stages, nudge);
    }

    private static FunnelStageDto Stage(FunnelStageKind stage, Representation r)
    {
        var dto = MatchingService.ToDto(r);
        var share = r.Total == 0 ? 0 : Math.Round(r.TownOrRural / (double)r.Total, 4, MidpointRounding.AwayFromZero);
        return new FunnelStageDto(stage, r.Total, dto.ByCountry, dto.ByCitySize, dto.ByRurality, new ShareDto("townOrRural", r.TownOrRural, share));
    }

    private NudgeDto ToDto(Nudge nudge, ProjectQuery query)
    {
        var inv = CultureInfo.InvariantCulture;
        var share = Math.Round(nudge.Share, 4, MidpointRounding.AwayFromZero);
        var percent = (share * 100).ToString("0.#", inv);
        switch (nudge.Relaxation)
        {
            case Relaxation.MinOverlap:
                var from = query.MinOverlapHours.ToString("0.##", inv);
                var to = Math.Max(0, query.MinOverlapHours - 1).ToString("0.##", inv);
                return new NudgeDto(Relaxation.MinOverlap, null, from + " h", to + " h",
                    $"Lowering the minimum overlap from {from} h to {to} h would bring town and rural talent to {percent}% of the top.", share);
            case Relaxation.MinEnglish:
                var level = query.MinEnglish!.Value;
                var lower = level - 1;
                return new NudgeDto(Relaxation.MinEnglish, null, level.ToString(), lower.ToString(),
                    $"Accepting English {lower} instead of {level} would bring town and rural talent to {percent}% of the top.", share);
            default:
                var skill = catalog.Get(nudge.SkillId!.Value)?.Name ?? $"skill #{nudge.SkillId}";
                return new NudgeDto(Relaxation.RequiredSkill, skill, "required", "optional",
                    $"Making {skill} optional instead of required would bring town and rural talent to {percent}% of the top.", share);
        }
    }
}
