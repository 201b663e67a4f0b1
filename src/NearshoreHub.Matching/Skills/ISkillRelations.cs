using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>Skill names and related-skill similarities (aliases are resolved to ids before they reach the library).</summary>
public interface ISkillRelations
{
    /// <summary>Skills related to <paramref name="skillId"/>, with similarity in (0, 1).</summary>
    IReadOnlyList<RelatedSkill> RelatedTo(int skillId);

    string NameOf(int skillId);
}
