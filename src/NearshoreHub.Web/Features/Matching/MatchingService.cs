using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Holidays;
using NearshoreHub.Web.Features.Projects;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;
using NodaTime;

namespace NearshoreHub.Web.Features.Matching;

/// <summary>Turns a project into a ranking: the index ranks, then only the returned page is read for display fields.</summary>
public sealed class MatchingService(
    CandidateIndexHost host, SkillCatalog catalog, NearshoreDbContext db, TimeProvider clock, HolidayCalendars calendars, TimeZoneRules zones, NearshoreMeter meter)
{
    /// <summary>2026.12-1: overlap counts public holidays and closure days (product spec §9).</summary>
    public const string AlgorithmVersion = "2026.12-1";

    public async Task<MatchesResponse> RankAsync(Project project, int limit, int offset, CancellationToken ct)
    {
        var index = await host.GetAsync(ct);
        var query = await QueryWithDaysOffAsync(project, ct);
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
                    i.Candidate.CitySize, i.Candidate.IsRural, i.Candidate.TimeZoneId, i.Candidate.Seniority),
                i.Score,
                new BreakdownDto(i.Breakdown.Skills, i.Breakdown.Overlap, i.Breakdown.Rate, i.Breakdown.English, i.Breakdown.Availability),
                ToDto(i.Evaluation.Overlap),
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
                Reference.FromMask(project.WorkDays), project.MinOverlapHours, project.StartDate, project.DurationWeeks, limit, offset,
                project.HolidayCalendars),
            result.EligibleCount,
            new RepresentationPairDto(ToDto(result.Pool), ToDto(result.Top)),
            items,
            zones.Version);
    }

    /// <summary>
    /// The project as a ranking query with its days off: its holiday calendars and its company's closure days, and the
    /// calendars professionals observe. With no client working day left the project cannot be ranked (422, startDate).
    /// </summary>
    public async Task<ProjectQuery> QueryWithDaysOffAsync(Project project, CancellationToken ct)
    {
        var book = await calendars.GetAsync(ct);
        var clientDaysOff = await ClientDaysOffAsync(project, book, ct);
        var query = ToQuery(project) with { ClientDaysOff = clientDaysOff, ProfessionalHolidays = book };
        if (ClientWorkingDays(query) == 0)
        {
            throw new FieldProblemException("startDate",
                "The engagement has no client working day: every project working day in it is a holiday or a closure day.");
        }

        return query;
    }

    public async Task<HolidaySet> ClientDaysOffAsync(Project project, HolidayBook book, CancellationToken ct)
    {
        var first = project.StartDate;
        var last = project.StartDate.AddDays((7 * project.DurationWeeks) + 28);
        var closures = await db.CompanyClosures.AsNoTracking()
            .Where(c => c.CompanyId == project.CompanyId && c.To >= first.AddDays(-1) && c.From <= last)
            .OrderBy(c => c.From).ToListAsync(ct);
        return HolidayCalendars.ClientDaysOff(book, project.HolidayCalendars, closures);
    }

    /// <summary>An empty ranking for a project that cannot be ranked (no client working day).</summary>
    public static MatchesResponse Unranked(Project project)
    {
        var empty = new RepresentationDto(0, [], [], []);
        var weights = ToQuery(project).Weights;
        return new MatchesResponse(project.Id, AlgorithmVersion, DateTimeOffset.UtcNow,
            new WeightsDto(weights.Skills, weights.Overlap, weights.Rate, weights.English, weights.Availability),
            new MatchParametersDto(project.TimeZone, project.CoreStart.ToString("HH:mm"), project.CoreEnd.ToString("HH:mm"),
                Reference.FromMask(project.WorkDays), project.MinOverlapHours, project.StartDate, project.DurationWeeks, 0, 0, project.HolidayCalendars),
            0, new RepresentationPairDto(empty, empty), []);
    }

    public static int ClientWorkingDays(ProjectQuery query)
    {
        var count = 0;
        for (var d = 0; d < query.DurationWeeks * 7; d++)
        {
            var date = query.StartDate.PlusDays(d);
            if (query.WorkDays.Includes(date.DayOfWeek) && !query.ClientDaysOff.Contains(date))
            {
                count++;
            }
        }

        return count;
    }

    public static OverlapSummaryDto ToDto(OverlapResult overlap) => new(
        overlap.AverageHours, overlap.MinimumHours, overlap.MaximumHours,
        overlap.EffectiveAverageHours, overlap.ClientWorkingDays, overlap.SharedDays,
        overlap.Holidays.Select(ToDto).ToList());

    public static HolidayHitDto ToDto(HolidayHit hit) => new(
        hit.Date.ToDateOnly(), hit.Country, hit.Name, hit.Side, hit.Kind);

    public static ProjectQuery ToQuery(Project project) => new(
        project.TimeZone,
        LocalTime.FromTimeOnly(project.CoreStart),
        LocalTime.FromTimeOnly(project.CoreEnd),
        (WorkDays)project.WorkDays,
        project.MinOverlapHours,
        LocalDate.FromDateOnly(project.StartDate),
        project.DurationWeeks,
        project.Skills.OrderBy(s => s.Position).Select(s => new ProjectSkillRequirement(s.SkillId, (byte)s.MinLevel, s.Required, s.Weight)).ToList(),
        project.MinEnglishLevel,
        project.BudgetMinUsd,
        project.BudgetMaxUsd,
        project.Seniority,
        project.Weights is { } w ? new ScoreWeights(w.Skills, w.Overlap, w.Rate, w.English, w.Availability) : ScoreWeights.Default);

    private string SkillName(int id) => catalog.Get(id)?.Name ?? $"skill #{id}";

    internal static RepresentationDto ToDto(Representation r) => new(
        r.Total,
        r.ByCountry.Select(ToDto).ToList(),
        r.ByCitySize.Select(ToDto).ToList(),
        r.ByRurality.Select(ToDto).ToList());

    private static ShareDto ToDto(ShareRow row) => new(row.Key, row.Count, row.Share);
}
