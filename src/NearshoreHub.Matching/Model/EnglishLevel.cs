using System.Text.Json.Serialization;

namespace NearshoreHub.Matching;

/// <summary>CEFR English level; the numeric value orders the levels, and JSON keeps their usual upper-case names.</summary>
public enum EnglishLevel
{
    [JsonStringEnumMemberName("A1")] A1 = 1,
    [JsonStringEnumMemberName("A2")] A2,
    [JsonStringEnumMemberName("B1")] B1,
    [JsonStringEnumMemberName("B2")] B2,
    [JsonStringEnumMemberName("C1")] C1,
    [JsonStringEnumMemberName("C2")] C2,
}
