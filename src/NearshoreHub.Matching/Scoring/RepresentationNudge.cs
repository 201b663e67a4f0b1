namespace NearshoreHub.Matching;

/// <summary>A relaxation of a project's hard filters, in the order the nudge tries them.</summary>
public enum Relaxation { MinOverlap, MinEnglish, RequiredSkill }

/// <summary>
/// The relaxation that raises the town-or-rural share of the top most; <see cref="SkillId"/> names the required skill
/// made optional. <see cref="Share"/> is the exact share of the top under the relaxed filters.
/// </summary>
public sealed record Nudge(Relaxation Relaxation, int? SkillId, double Share, int TownOrRural, int Top);

/// <summary>
/// The nudge of product spec §13. When the share of town-or-rural professionals (a town, or rural, counted once) in
/// the top is more than 10 points below the eligible pool's, each relaxation that applies is ranked in turn —
/// minimum overlap one hour lower (not below 0), minimum English one level lower, then each required skill made
/// optional — and the one whose top reaches the highest share wins, ties to the earlier. Nothing that does not raise
/// the share counts. Shares are compared as exact fractions. The project's own scores are untouched: the relaxed
/// rankings are only measured.
/// </summary>
public static class RepresentationNudge
{
    /// <summary>The gap in points (out of 100) that the top must trail the pool by, strictly, before a nudge is looked for.</summary>
    public const int GapPoints = 10;

    public static bool TrailsPool(Representation pool, Representation top)
    {
        ArgumentNullException.ThrowIfNull(pool);
        ArgumentNullException.ThrowIfNull(top);
        if (pool.Total == 0 || top.Total == 0)
        {
            return false;
        }

        // pool/P − top/T > 10/100  ⇔  100·(pool·T − top·P) > 10·P·T, in integers.
        var difference = ((long)pool.TownOrRural * top.Total) - ((long)top.TownOrRural * pool.Total);
        return 100 * difference > (long)GapPoints * pool.Total * top.Total;
    }

    /// <summary>The candidate relaxations of <paramref name="query"/>, in order, skipping those that do not apply.</summary>
    public static IEnumerable<(Relaxation Relaxation, int? SkillId, ProjectQuery Query)> Relaxations(ProjectQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.MinOverlapHours > 0)
        {
            yield return (Relaxation.MinOverlap, null, query with { MinOverlapHours = Math.Max(0, query.MinOverlapHours - 1) });
        }

        if (query.MinEnglish is { } english && english > EnglishLevel.A1)
        {
            yield return (Relaxation.MinEnglish, null, query with { MinEnglish = english - 1 });
        }

        for (var i = 0; i < query.Skills.Count; i++)
        {
            if (!query.Skills[i].Required)
            {
                continue;
            }

            var skills = query.Skills.ToArray();
            skills[i] = skills[i] with { Required = false };
            yield return (Relaxation.RequiredSkill, skills[i].SkillId, query with { Skills = skills });
        }
    }

    /// <summary>The nudge for <paramref name="query"/> given its own ranking, or null when none is due or none helps.</summary>
    public static Nudge? Find(CandidateIndex index, ProjectQuery query, int top, RankingResult ranking)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(ranking);
        if (!TrailsPool(ranking.Pool, ranking.Top))
        {
            return null;
        }

        Nudge? best = null;
        long bestCount = ranking.Top.TownOrRural, bestTotal = ranking.Top.Total;
        foreach (var (relaxation, skillId, relaxed) in Relaxations(query))
        {
            var result = index.Rank(relaxed, top, 0).Top;
            // result/total > best/bestTotal, strictly: an equal share neither helps nor beats an earlier one.
            if (result.Total > 0 && (long)result.TownOrRural * bestTotal > bestCount * result.Total)
            {
                bestCount = result.TownOrRural;
                bestTotal = result.Total;
                best = new Nudge(relaxation, skillId, result.TownOrRural / (double)result.Total, result.TownOrRural, result.Total);
            }
        }

        return best;
    }
}
