using NodaTime;

namespace NearshoreHub.Matching;

public sealed record CandidateSkill(int SkillId, byte Level, byte Years);
