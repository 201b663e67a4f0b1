using System.Globalization;
using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>
/// Scores one candidate at a time (product spec §3). Components, each in [0, 1] to 4 decimals:
/// <list type="bullet">
/// <item><b>skills</b> = Σ w·credit / Σ w over all project skills, credit = the best of: 1 when held at ≥ minLevel;
/// 0.5·level/minLevel when held below it; 0.5·similarity·min(1, level/minLevel) for a held related skill.</item>
/// <item><b>overlap</b> = min(1, effectiveAverageHours / core window length): the professional's holidays count (§9).</item>
/// <item><b>rate</b> = 1 without a budget maximum or at/below it, else max(0, 1 − (rate − max)/max). The budget minimum never penalises.</item>
/// <item><b>english</b> = 1 at or above the minimum (level/minimum below it); level/6 when the project sets no minimum.</item>
/// <item><b>availability</b> = 1 when available by the start date, else max(0, 1 − delayDays/90).</item>
/// </list>
/// Score = round(100 · Σ wᵢ·cᵢ / Σ wᵢ, 2) in decimal from the rounded components. <see cref="MatchEvaluation.RankKey"/>
/// (Σ weight-millionths × component-ten-thousandths) orders candidates exactly; ties go to the lower id.
/// Seniority and location never enter the score.
/// </summary>
public sealed class MatchScorer(OverlapCalculator overlap, ISkillRelations relations)
{
    public OverlapCalculator OverlapCalculator { get; } = overlap ?? throw new ArgumentNullException(nameof(overlap));

    public ISkillRelations Relations { get; } = relations ?? throw new ArgumentNullException(nameof(relations));

    /// <summary>Higher key first, then ascending id (PostgreSQL uuid order).</summary>
    public static int CompareRank(MatchEvaluation a, MatchEvaluation b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var byKey = b.RankKey.CompareTo(a.RankKey);
        return byKey != 0 ? byKey : a.CandidateId.CompareTo(b.CandidateId);
    }

    public MatchEvaluation Evaluate(ProjectQuery project, CandidateRecord candidate)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(candidate);
        var result = OverlapCalculator.Compute(project.CoreSchedule, candidate.Schedule, project.StartDate, project.DurationWeeks,
            project.ClientDaysOff, project.ProfessionalHolidays.For(candidate.Country));
        return Evaluate(project, candidate, result);
    }

    public MatchEvaluation Evaluate(ProjectQuery project, CandidateRecord candidate, OverlapResult overlapResult)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(overlapResult);

        var skills = project.Skills;
        var best = new double[skills.Count];
        var weights = new double[skills.Count];
        var held = new int[skills.Count];
        var bestRelated = new RelatedSkill?[skills.Count];
        var bestRelatedCredit = new double[skills.Count];
        for (var p = 0; p < skills.Count; p++)
        {
            var requirement = skills[p];
            var min = Math.Max((int)requirement.MinLevel, 1);
            weights[p] = requirement.Weight;
            foreach (var s in candidate.Skills)
            {
                if (s.SkillId == requirement.SkillId)
                {
                    held[p] = Math.Max(held[p], s.Level);
                    best[p] = Math.Max(best[p], ComponentMath.DirectCredit(s.Level, min));
                }
            }

            foreach (var related in Relations.RelatedTo(requirement.SkillId))
            {
                foreach (var s in candidate.Skills)
                {
                    if (s.SkillId == related.SkillId)
                    {
                        var credit = ComponentMath.RelatedCredit(related.Similarity, s.Level, min);
                        if (credit > bestRelatedCredit[p])
                        {
                            bestRelatedCredit[p] = credit;
                            bestRelated[p] = related;
                        }

                        best[p] = Math.Max(best[p], credit);
                    }
                }
            }
        }

        var skillUnits = ComponentMath.Skills(best, weights, WeightSum(weights));
        var overlapUnits = ComponentMath.Overlap(overlapResult.EffectiveAverageHours, project.CoreSchedule.LengthHours);
        var rateUnits = ComponentMath.Rate(candidate.HourlyRateUsd, project.BudgetMax);
        var englishUnits = ComponentMath.English(candidate.English, project.MinEnglish);
        var delay = DelayDays(candidate.AvailableFrom, project.StartDate);
        var availabilityUnits = ComponentMath.Availability(delay);
        var breakdown = ScoreBreakdown.FromUnits(skillUnits, overlapUnits, rateUnits, englishUnits, availabilityUnits);
        var key = ComponentMath.Key(project.Weights.Micro(), skillUnits, overlapUnits, rateUnits, englishUnits, availabilityUnits);

        var matched = new List<int>();
        var missing = new List<int>();
        for (var p = 0; p < skills.Count; p++)
        {
            (held[p] >= skills[p].MinLevel ? matched : missing).Add(skills[p].SkillId);
        }

        var reasons = new List<string>();
        if (candidate.Status != ProfessionalStatus.Active)
        {
            reasons.Add($"Status is {candidate.Status.ToString().ToLowerInvariant()}, not active.");
        }

        for (var p = 0; p < skills.Count; p++)
        {
            if (skills[p].Required && held[p] < skills[p].MinLevel)
            {
                reasons.Add(held[p] == 0
                    ? $"Missing required skill {Relations.NameOf(skills[p].SkillId)}."
                    : $"Required skill {Relations.NameOf(skills[p].SkillId)} is at level {held[p]}, below the minimum {skills[p].MinLevel}.");
            }
        }

        if (!(overlapResult.MinimumHours >= project.MinOverlapHours))
        {
            reasons.Add($"Overlap falls to {Hours(overlapResult.MinimumHours)} h on some days, below the {Hours(project.MinOverlapHours)} h minimum.");
        }

        if (project.MinEnglish is { } minEnglish && candidate.English < minEnglish)
        {
            reasons.Add($"English {candidate.English} is below the {minEnglish} minimum.");
        }

        var explanation = new List<string>();
        ExplainSkills(explanation, skills, held, bestRelated);
        explanation.Add(ExplainOverlap(project, overlapResult));
        if (HolidayExplanation.Explain(overlapResult) is { } holidays)
        {
            explanation.Add(holidays);
        }

        explanation.Add(ExplainRate(rateUnits, project.BudgetMax));
        explanation.Add(project.MinEnglish is { } m
            ? candidate.English >= m ? $"English {candidate.English} meets the {m} minimum." : $"English {candidate.English} is below the {m} minimum."
            : $"English {candidate.English} (the project sets no minimum).");
        explanation.Add(delay <= 0
            ? "Available by the start date."
            : $"Available {delay} day{(delay == 1 ? string.Empty : "s")} after the start date ({Date(candidate.AvailableFrom)}).");

        return new MatchEvaluation(
            candidate.Id,
            reasons.Count == 0,
            reasons,
            breakdown.ScoreWith(project.Weights),
            breakdown,
            key,
            overlapResult,
            matched,
            missing,
            explanation);
    }

    internal static double WeightSum(ReadOnlySpan<double> weights)
    {
        double sum = 0;
        foreach (var w in weights)
        {
            sum += w;
        }

        return sum;
    }

    internal static int DelayDays(LocalDate availableFrom, LocalDate startDate) =>
        OverlapMath.EpochDay(availableFrom) - OverlapMath.EpochDay(startDate);

    private void ExplainSkills(List<string> into, IReadOnlyList<ProjectSkillRequirement> skills, int[] held, RelatedSkill?[] bestRelated)
    {
        var met = new List<string>();
        for (var p = 0; p < skills.Count; p++)
        {
            if (held[p] >= skills[p].MinLevel)
            {
                met.Add($"{Relations.NameOf(skills[p].SkillId)} (level {held[p]}, needs {skills[p].MinLevel})");
            }
        }

        if (met.Count > 0)
        {
            into.Add($"Has {string.Join(", ", met)}.");
        }

        for (var p = 0; p < skills.Count; p++)
        {
            if (held[p] >= skills[p].MinLevel)
            {
                continue;
            }

            var name = Relations.NameOf(skills[p].SkillId);
            var optional = skills[p].Required ? string.Empty : " (optional)";
            if (held[p] > 0)
            {
                into.Add($"{name}{optional} at level {held[p]}, below the {skills[p].MinLevel} asked for; partial credit.");
            }
            else if (bestRelated[p] is { } related)
            {
                into.Add($"No {name}{optional}; {Relations.NameOf(related.SkillId)} (related, {related.Similarity.ToString("0.0#", CultureInfo.InvariantCulture)}) gives partial credit.");
            }
            else
            {
                into.Add($"No {name}{optional}.");
            }
        }
    }

    private static string ExplainOverlap(ProjectQuery project, OverlapResult overlapResult)
    {
        if (overlapResult.WorkingDayCount == 0)
        {
            return "The engagement has no client working days, so there is no overlap.";
        }

        var text = $"{Hours(overlapResult.AverageHours)} h average overlap with the {project.CoreStart:HH:mm}–{project.CoreEnd:HH:mm} core hours";
        var parts = new List<string>();
        foreach (var change in overlapResult.Changes)
        {
            if (change.Transitions.Count == 0)
            {
                continue;
            }

            var t = change.Transitions[0];
            var verb = change.HoursAfter < change.HoursBefore ? "drops" : "rises";
            var what = t.StartsDaylightTime ? "switches to daylight time"
                : t.EndsDaylightTime ? "switches back to standard time"
                : $"changes its UTC offset from {t.OffsetBefore} to {t.OffsetAfter}";
            parts.Add($"{verb} to {Hours(change.HoursAfter)} h after {t.ZoneId} {what} on {Date(t.LocalDate)}");
            if (parts.Count == 3)
            {
                break;
            }
        }

        if (parts.Count > 0)
        {
            text += "; " + string.Join("; ", parts);
        }
        else if (overlapResult.MinimumHours != overlapResult.MaximumHours)
        {
            text += $"; between {Hours(overlapResult.MinimumHours)} h and {Hours(overlapResult.MaximumHours)} h depending on the day";
        }

        return text + ".";
    }

    private static string ExplainRate(int rateUnits, decimal? budgetMax)
    {
        if (budgetMax is null)
        {
            return "The project sets no budget maximum.";
        }

        return rateUnits == ComponentMath.One
            ? "Rate is within the budget."
            : $"Rate is above the budget maximum (rate score {(rateUnits / (decimal)ComponentMath.One).ToString("0.00##", CultureInfo.InvariantCulture)}).";
    }

    private static string Hours(double hours) => hours.ToString("0.0#", CultureInfo.InvariantCulture);

    private static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
