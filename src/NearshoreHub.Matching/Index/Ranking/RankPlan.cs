using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>Per-query lookup tables so scoring one candidate is a few array reads and integer multiplies.</summary>
internal sealed class RankPlan
{
    private RankPlan()
    {
    }

    public required long[] Weights { get; init; }

    public required double[] SkillWeights { get; init; }

    public required int[] SkillMin { get; init; }

    public required double SkillWeightSum { get; init; }

    /// <summary>Per skill code: the range of (project skill, similarity) entries it feeds; similarity −1 marks a direct hit.</summary>
    public required int[] RelevanceStart { get; init; }

    public required int[] RelevanceProject { get; init; }

    public required double[] RelevanceSimilarity { get; init; }

    public required int[] RelevantCodes { get; init; }

    public required (int Code, int Min)[] Required { get; init; }

    public required bool Impossible { get; init; }

    public required int[] GroupOverlapUnits { get; init; }

    public required bool[] GroupEligible { get; init; }

    /// <summary>Upper bound of the key of a candidate holding no relevant skill, without its English part.</summary>
    public required long[] GroupZeroSkillBound { get; init; }

    /// <summary>Upper bound of the key of any candidate in the group, without its English part.</summary>
    public required long[] GroupFullSkillBound { get; init; }

    public required int[] EnglishUnits { get; init; }

    public required bool[] EnglishOk { get; init; }

    public required long[] EnglishBound { get; init; }

    public required decimal? BudgetMax { get; init; }

    public required int StartDay { get; init; }

    public required int ZeroSkillUnits { get; init; }

    public int ProjectSkillCount => SkillWeights.Length;

    public static RankPlan Create(ProjectQuery query, IndexRegistries registries, ISkillRelations relations, GroupOverlaps overlaps, int groupCount)
    {
        var weights = query.Weights.Micro();
        var p = query.Skills.Count;
        var skillWeights = new double[p];
        var skillMin = new int[p];
        var codeCount = registries.Skills.Count;
        var perCode = new List<(int Project, double Similarity)>?[codeCount];
        var required = new List<(int Code, int Min)>();
        var impossible = false;
        for (var i = 0; i < p; i++)
        {
            var requirement = query.Skills[i];
            skillWeights[i] = requirement.Weight;
            skillMin[i] = Math.Max((int)requirement.MinLevel, 1);
            var known = registries.Skills.TryGet(requirement.SkillId, out var code) && code < codeCount;
            if (known)
            {
                (perCode[code] ??= []).Add((i, -1));
            }

            if (requirement.Required)
            {
                if (known)
                {
                    required.Add((code, requirement.MinLevel));
                }
                else
                {
                    impossible = true;
                }
            }

            foreach (var related in relations.RelatedTo(requirement.SkillId))
            {
                if (registries.Skills.TryGet(related.SkillId, out var relatedCode) && relatedCode < codeCount)
                {
                    (perCode[relatedCode] ??= []).Add((i, related.Similarity));
                }
            }
        }

        var relevanceStart = new int[codeCount + 1];
        var relevanceProject = new List<int>();
        var relevanceSimilarity = new List<double>();
        var relevantCodes = new List<int>();
        for (var c = 0; c < codeCount; c++)
        {
            relevanceStart[c] = relevanceProject.Count;
            if (perCode[c] is { } entries)
            {
                relevantCodes.Add(c);
                foreach (var (project, similarity) in entries)
                {
                    relevanceProject.Add(project);
                    relevanceSimilarity.Add(similarity);
                }
            }
        }

        relevanceStart[codeCount] = relevanceProject.Count;

        var core = query.CoreSchedule.LengthHours;
        var groupUnits = new int[groupCount];
        var groupEligible = new bool[groupCount];
        var zeroSkillUnits = p == 0 ? ComponentMath.One : 0;
        var groupBound = new long[groupCount];
        var groupFullBound = new long[groupCount];
        for (var g = 0; g < groupCount; g++)
        {
            groupUnits[g] = ComponentMath.Overlap(overlaps.Average[g], core);
            groupEligible[g] = overlaps.Minimum[g] >= query.MinOverlapHours;
            groupBound[g] = (weights[0] * zeroSkillUnits) + (weights[1] * groupUnits[g]) + ((weights[2] + weights[4]) * ComponentMath.One);
            groupFullBound[g] = (weights[0] * ComponentMath.One) + (weights[1] * groupUnits[g]) + ((weights[2] + weights[4]) * ComponentMath.One);
        }

        var englishUnits = new int[256];
        var englishOk = new bool[256];
        var englishBound = new long[256];
        for (var level = 0; level < 256; level++)
        {
            englishUnits[level] = ComponentMath.English((EnglishLevel)level, query.MinEnglish);
            englishOk[level] = query.MinEnglish is not { } min || level >= (int)min;
            englishBound[level] = weights[3] * englishUnits[level];
        }

        return new RankPlan
        {
            Weights = weights,
            SkillWeights = skillWeights,
            SkillMin = skillMin,
            SkillWeightSum = MatchScorer.WeightSum(skillWeights),
            RelevanceStart = relevanceStart,
            RelevanceProject = [.. relevanceProject],
            RelevanceSimilarity = [.. relevanceSimilarity],
            RelevantCodes = [.. relevantCodes],
            Required = [.. required],
            Impossible = impossible,
            GroupOverlapUnits = groupUnits,
            GroupEligible = groupEligible,
            GroupZeroSkillBound = groupBound,
            GroupFullSkillBound = groupFullBound,
            EnglishUnits = englishUnits,
            EnglishOk = englishOk,
            EnglishBound = englishBound,
            BudgetMax = query.BudgetMax,
            StartDay = OverlapMath.EpochDay(query.StartDate),
            ZeroSkillUnits = zeroSkillUnits,
        };
    }

    public int SkillUnits(ReadOnlySpan<ushort> codes, ReadOnlySpan<byte> levels, Span<double> best)
    {
        if (SkillWeights.Length == 0)
        {
            return ComponentMath.One;
        }

        best.Clear();
        var limit = RelevanceStart.Length - 1;
        for (var k = 0; k < codes.Length; k++)
        {
            int code = codes[k];
            if (code >= limit)
            {
                continue;
            }

            var end = RelevanceStart[code + 1];
            for (var r = RelevanceStart[code]; r < end; r++)
            {
                var p = RelevanceProject[r];
                var similarity = RelevanceSimilarity[r];
                var credit = similarity < 0
                    ? ComponentMath.DirectCredit(levels[k], SkillMin[p])
                    : ComponentMath.RelatedCredit(similarity, levels[k], SkillMin[p]);
                if (credit > best[p])
                {
                    best[p] = credit;
                }
            }
        }

        return ComponentMath.Skills(best, SkillWeights, SkillWeightSum);
    }

    public long Key(int skillUnits, int group, decimal rate, int english, int availableDay) =>
        (Weights[0] * skillUnits) + KeyWithoutSkills(group, rate, english, availableDay);

    /// <summary>The key's overlap, English and availability terms plus the best possible rate term.</summary>
    public long KeyWithoutSkillsAtFullRate(int group, int english, int availableDay) =>
        (Weights[1] * GroupOverlapUnits[group])
        + (Weights[2] * ComponentMath.One)
        + (Weights[3] * EnglishUnits[english])
        + (Weights[4] * ComponentMath.Availability(availableDay - StartDay));

    /// <summary>How far the rate term falls short of its best value (0 within budget).</summary>
    public long RateShortfall(decimal rate) =>
        BudgetMax is not { } max || rate <= max ? 0 : Weights[2] * (ComponentMath.One - ComponentMath.Rate(rate, max));

    /// <summary>The key's overlap, rate, English and availability terms.</summary>
    public long KeyWithoutSkills(int group, decimal rate, int english, int availableDay)
    {
        var rateUnits = BudgetMax is not { } max || rate <= max ? ComponentMath.One : ComponentMath.Rate(rate, max);
        var availabilityUnits = ComponentMath.Availability(availableDay - StartDay);
        return (Weights[1] * GroupOverlapUnits[group])
            + (Weights[2] * rateUnits)
            + (Weights[3] * EnglishUnits[english])
            + (Weights[4] * availabilityUnits);
    }
}
