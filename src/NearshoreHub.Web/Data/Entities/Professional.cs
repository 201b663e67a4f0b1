using System.Text.Json.Serialization;

namespace NearshoreHub.Web.Data.Entities;

/// <summary>CEFR levels; JSON keeps their usual upper-case names.</summary>
public enum EnglishLevel
{
    [JsonStringEnumMemberName("A1")] A1 = 1,
    [JsonStringEnumMemberName("A2")] A2,
    [JsonStringEnumMemberName("B1")] B1,
    [JsonStringEnumMemberName("B2")] B2,
    [JsonStringEnumMemberName("C1")] C1,
    [JsonStringEnumMemberName("C2")] C2,
}

public enum Seniority { Junior = 1, Mid, Senior, Lead }

public enum ProfessionalStatus { Active, Placed, Inactive }

public sealed class Professional
{
    public Guid Id { get; set; }
    public required string FullName { get; set; }
    public required string Email { get; set; }
    /// <summary>Upper-invariant email; the unique index lives here so uniqueness is case-insensitive.</summary>
    public required string NormalizedEmail { get; set; }
    public string Headline { get; set; } = "";
    public required string Country { get; set; }
    public required string City { get; set; }
    public int CityPopulation { get; set; }
    public bool IsRural { get; set; }
    /// <summary>IANA zone id. Never a UTC offset: offsets change with DST and with law.</summary>
    public required string TimeZone { get; set; }
    public TimeOnly WorkStart { get; set; }
    public TimeOnly WorkEnd { get; set; }
    /// <summary>Bit mask of NearshoreHub.Matching.WorkDays (Mon = 1 … Sun = 64).</summary>
    public short WorkDays { get; set; }
    public EnglishLevel EnglishLevel { get; set; }
    public Seniority Seniority { get; set; }
    public decimal HourlyRateUsd { get; set; }
    public DateOnly AvailableFrom { get; set; }
    public int HoursPerWeek { get; set; }
    public ProfessionalStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public uint Version { get; set; }
    public List<ProfessionalSkill> Skills { get; set; } = [];
}

public sealed class ProfessionalSkill
{
    public Guid ProfessionalId { get; set; }
    public int SkillId { get; set; }
    public short Level { get; set; }
    public short Years { get; set; }
    public Skill? Skill { get; set; }
}
