using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;
using NodaTime;

namespace NearshoreHub.Web.Features.Matching;

/// <summary>Turns a project into a ranking: the index ranks, then only the returned page is read for display fields.</summary>
public sealed class MatchingService(CandidateIndexHost host, SkillCatalog catalog, NearshoreDbContext db, TimeProvider clock, NearshoreMeter meter)
{
    public const string AlgorithmVersion = "2026.11-1";

    public async Task<MatchesResponse> RankAsync(Project project, int limit, int offset, CancellationToken ct)
    {
        var index = await host.GetAsync(ct);
        var query = ToQuery(project);
        var clock2 = Stopwatch.StartNew();
        var result = index.Rank(query, limit, offset);
        meter.RankingTime.Record(clock2.Elapsed.TotalMilliseconds);

        var ids = result.Items.Select(i => i.CandidateId).ToList();
        var display = await db.Professionals.AsNoTracking().Where(p => ids.Contains(p.Id))
            .Select(p => new { p.Id, p.FullName, p.City })
            .ToDictionaryAsync(p => p.Id, ct);

        var items = result.Items
            .Where(i => display.ContainsKey(i.CandidateId))
            .Select(i => new MatchItemDto(
                i.Rank,
                new MatchProfessionalDto(i.CandidateId, display[i.CandidateId].FullName, i.Candidate.Country, display[i.CandidateId].City,
                    i.Candidate.CitySize.ToApiString(), i.Candidate.IsRural, i.Candidate.TimeZoneId, i.Candidate.Seniority.ToString().ToLowerInvariant()),
                i.Score,
                new BreakdownDto(i.Breakdown.Skills, i.Breakdown.Overlap, i.Breakdown.Rate, i.Breakdown.English, i.Breakdown.Availability),
                new OverlapSummaryDto(i.AverageOverlapHours, i.MinimumOverlapHours, i.MaximumOverlapHours),
                i.MatchedSkillIds.Select(SkillName).ToList(),
                i.MissingSkillIds.Select(SkillName).ToList(),
                i.Explanation))
            .ToList();

        var weights = result.Weights;
        return new MatchesResponse(
            project.Id,
            AlgorithmVersion,
            clock.GetUtcNow(),
            new WeightsDto(weights.Skills, weights.Overlap, weights.Rate, weights.English, weights.Availability),
            new MatchParametersDto(project.TimeZone, project.CoreStart.ToString("HH:mm"), project.CoreEnd.ToString("HH:mm"),
                Reference.FromMask(project.WorkDays), project.MinOverlapHours, project.StartDate, project.DurationWeeks, limit, offset),
            result.EligibleCount,
            new RepresentationPairDto(ToDto(result.Pool), ToDto(result.Top)),
            items);
    }

    public static ProjectQuery ToQuery(Project project) => new(
        project.TimeZone,
        LocalTime.FromTimeOnly(project.CoreStart),
        LocalTime.FromTimeOnly(project.CoreEnd),
        (WorkDays)project.WorkDays,
        project.MinOverlapHours,
        LocalDate.FromDateOnly(project.StartDate),
        project.DurationWeeks,
        project.Skills.OrderBy(s => s.Position).Select(s => new ProjectSkillRequirement(s.SkillId, (byte)s.MinLevel, s.Required, s.Weight)).ToList(),
        project.MinEnglishLevel?.ToMatching(),
        project.BudgetMinUsd,
        project.BudgetMaxUsd,
        project.Seniority?.ToMatching(),
        project.Weights is { } w ? new ScoreWeights(w.Skills, w.Overlap, w.Rate, w.English, w.Availability) : ScoreWeights.Default);

    private string SkillName(int id) => catalog.Get(id)?.Name ?? $"skill #{id}";

    internal static RepresentationDto ToDto(Representation r) => new(
        r.Total,
        r.ByCountry.Select(ToDto).ToList(),
        r.ByCitySize.Select(ToDto).ToList(),
        r.ByRurality.Select(ToDto).ToList());

    private static ShareDto ToDto(ShareRow row) => new(row.Key, row.Count, row.Share);
}
