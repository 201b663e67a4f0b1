using NodaTime;

namespace NearshoreHub.Matching;

public sealed record DirectorySkill(int SkillId, byte MinLevel);
