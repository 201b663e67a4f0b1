namespace NearshoreHub.Web.Data.Entities;

public enum SkillCategory { Language, Framework, Database, Cloud, Tool, Practice }

public sealed class Skill
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public required string Slug { get; set; }
    public SkillCategory Category { get; set; }
    public List<string> Aliases { get; set; } = [];
    public DateTimeOffset CreatedAt { get; set; }
    public uint Version { get; set; }
    public List<SkillRelation> Related { get; set; } = [];
}

/// <summary>Stored once per direction so lookups by either skill are a simple index scan.</summary>
public sealed class SkillRelation
{
    public int SkillId { get; set; }
    public int RelatedSkillId { get; set; }
    public double Similarity { get; set; }
    public Skill? RelatedSkill { get; set; }
}
