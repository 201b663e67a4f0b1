using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>One project skill; <see cref="MinLevel"/> 1–5, <see cref="Weight"/> &gt; 0.</summary>
public sealed record ProjectSkillRequirement(int SkillId, byte MinLevel, bool Required, double Weight = 1);
