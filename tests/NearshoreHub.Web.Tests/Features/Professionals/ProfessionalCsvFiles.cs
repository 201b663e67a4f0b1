using System.Net;
using System.Text;
using System.Text.Json;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>Builds import files one row at a time; each row starts valid and a test changes one field.</summary>
public static class ProfessionalCsvFiles
{
    public static readonly string[] Header =
    [
        "fullName", "email", "headline", "country", "city", "cityPopulation", "isRural", "timeZone", "workStart", "workEnd",
        "workingDays", "skills", "englishLevel", "seniority", "hourlyRateUsd", "availableFrom", "hoursPerWeek", "status",
    ];

    public static Dictionary<string, string> Row(string email) => new()
    {
        ["fullName"] = "Ana Souza",
        ["email"] = email,
        ["headline"] = "Senior backend engineer",
        ["country"] = "BR",
        ["city"] = "Campina Grande",
        ["cityPopulation"] = "419379",
        ["isRural"] = "false",
        ["timeZone"] = "America/Recife",
        ["workStart"] = "09:00",
        ["workEnd"] = "18:00",
        ["workingDays"] = "Mon;Tue;Wed;Thu;Fri",
        ["skills"] = "C#:5:8;PostgreSQL:4:6",
        ["englishLevel"] = "C1",
        ["seniority"] = "senior",
        ["hourlyRateUsd"] = "45.50",
        ["availableFrom"] = "2027-01-04",
        ["hoursPerWeek"] = "40",
        ["status"] = "active",
    };

    public static Dictionary<string, string> With(this Dictionary<string, string> row, string column, string value)
    {
        row[column] = value;
        return row;
    }

    public static string File(params Dictionary<string, string>[] rows)
    {
        var builder = new StringBuilder(string.Join(',', Header)).Append("\r\n");
        foreach (var row in rows)
        {
            builder.Append(Line(row)).Append("\r\n");
        }

        return builder.ToString();
    }

    public static string Line(Dictionary<string, string> row) => string.Join(',', Header.Select(h => Quote(row[h])));

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>Posts the file as an atomic import (as a recruiter); asserts 200 and returns its counts.</summary>
    public static Task<(int Inserted, int Updated, int Unchanged)> ImportAtomicAsync(this NearshoreApiFactory app, string file) => app.ImportAsync(file, "atomic");

    /// <summary>Posts the file as a partial import (as a recruiter); asserts 200 and returns its counts.</summary>
    public static Task<(int Inserted, int Updated, int Unchanged)> ImportPartialAsync(this NearshoreApiFactory app, string file) => app.ImportAsync(file, "partial");

    private static async Task<(int Inserted, int Updated, int Unchanged)> ImportAsync(this NearshoreApiFactory app, string file, string mode)
    {
        using var client = await app.RecruiterAsync();
        var response = await client.PostAsync($"/api/v1/professionals/import?mode={mode}", new StringContent(file, new UTF8Encoding(false), "text/csv"));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
        return (body.GetProperty("inserted").GetInt32(), body.GetProperty("updated").GetInt32(), body.GetProperty("unchanged").GetInt32());
    }

    /// <summary>Per email of the domain: its skill rows as "name:level:years", by name ("" for none).</summary>
    public static async Task<Dictionary<string, string>> SkillsByEmailAsync(this NearshoreApiFactory app, string domain) =>
        (await app.QueryAsync($"""
            SELECT p.email, coalesce(string_agg(k.name || ':' || ps.level || ':' || ps.years, ';' ORDER BY k.name), '')
            FROM professionals p LEFT JOIN professional_skills ps ON ps.professional_id = p.id LEFT JOIN skills k ON k.id = ps.skill_id
            WHERE p.email LIKE '%@{domain}' GROUP BY p.email
            """)).ToDictionary(r => r[0]!, r => r[1]!);
}
