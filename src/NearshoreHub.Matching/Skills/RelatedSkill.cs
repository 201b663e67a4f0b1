using NodaTime;

namespace NearshoreHub.Matching;

public sealed record RelatedSkill(int SkillId, double Similarity);
