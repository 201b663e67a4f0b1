using NodaTime;

namespace NearshoreHub.Matching;

/// <summary>
/// One word of a free-text search, normalised exactly as <see cref="CandidateProfile.SearchText"/> is. A person matches
/// it when the word occurs in their searchable text or, with <see cref="SkillId"/>, when they hold that skill.
/// </summary>
public sealed record DirectoryWord(string Text, int? SkillId = null);
