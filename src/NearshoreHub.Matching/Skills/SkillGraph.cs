using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>An immutable, symmetric skill-similarity graph.</summary>
public sealed class SkillGraph : ISkillRelations
{
    private readonly Dictionary<int, RelatedSkill[]> _related;
    private readonly Dictionary<int, string> _names;

    public SkillGraph(IEnumerable<(int A, int B, double Similarity)> relations, IReadOnlyDictionary<int, string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(relations);
        var best = new Dictionary<(int, int), double>();
        foreach (var (a, b, similarity) in relations)
        {
            if (a == b)
            {
                continue;
            }

            if (!(similarity > 0 && similarity < 1))
            {
                throw new ArgumentOutOfRangeException(nameof(relations), similarity, "Similarity must be in (0, 1).");
            }

            foreach (var key in new[] { (a, b), (b, a) })
            {
                best[key] = best.TryGetValue(key, out var existing) ? Math.Max(existing, similarity) : similarity;
            }
        }

        _related = best
            .GroupBy(p => p.Key.Item1)
            .ToDictionary(g => g.Key, g => g.Select(p => new RelatedSkill(p.Key.Item2, p.Value)).OrderBy(r => r.SkillId).ToArray());
        _names = names is null ? [] : new Dictionary<int, string>(names);
    }

    public static SkillGraph Empty { get; } = new([]);

    public IReadOnlyList<RelatedSkill> RelatedTo(int skillId) => _related.TryGetValue(skillId, out var list) ? list : [];

    public string NameOf(int skillId) => _names.TryGetValue(skillId, out var name) ? name : $"skill #{skillId}";
}
