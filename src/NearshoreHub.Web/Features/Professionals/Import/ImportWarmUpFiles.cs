using System.Globalization;
using System.Text;
using NearshoreHub.Web.Features.Skills;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// The files <see cref="ImportWarmUp"/> rehearses: new people it makes up, and people stored already, as they are
/// (every row unchanged) and changed (every row updated: the rate, one skill's level, and for every fourth row the city's
/// population, so both of <see cref="ImportUpdate"/>'s statements and the skill rows' difference run). Until 2026-12-04
/// only new rows were rehearsed, and the first import that changed rows compiled the changed rows' code as it went
/// (docs/benchmarks.md).
/// </summary>
internal static class ImportWarmUpFiles
{
    private static readonly (string Country, string City, string Zone)[] Places =
    [
        ("BR", "Campina Grande", "America/Recife"), ("AR", "Córdoba", "America/Argentina/Cordoba"), ("MX", "Mérida", "America/Merida"),
        ("CO", "Manizales", "America/Bogota"), ("PE", "Arequipa", "America/Lima"),
    ];

    /// <summary>A file in the import format: <paramref name="rows"/> people with emails no one else has (the token).</summary>
    public static byte[] NewRows(int rows, string[] skills, string token)
    {
        var text = new StringBuilder(rows * 300);
        text.Append(string.Join(',', ProfessionalCsv.Columns)).Append("\r\n");
        var random = new Random(rows);
        for (var i = 0; i < rows; i++)
        {
            var (country, city, zone) = Places[i % Places.Length];
            var first = random.Next(skills.Length);
            var skillList = string.Join(';', Enumerable.Range(0, Math.Min(3 + random.Next(8), skills.Length))
                .Select(k => $"{skills[(first + k) % skills.Length]}:{1 + random.Next(5)}:{random.Next(20)}"));
            var values = ProfessionalCsv.Columns.Select(column => column switch
            {
                "fullName" => $"Warm Up {i}",
                "email" => $"warm-up.{token}.{i}@nearshorehub.invalid",
                "headline" => "Software engineer",
                "country" => country,
                "city" => city,
                "cityPopulation" => (50_000 + random.Next(900_000)).ToString(CultureInfo.InvariantCulture),
                "isRural" => random.Next(4) == 0 ? "true" : "false",
                "timeZone" => zone,
                "workStart" => "09:00",
                "workEnd" => "18:00",
                "workingDays" => "Mon;Tue;Wed;Thu;Fri",
                "skills" => skillList.Contains(',', StringComparison.Ordinal) ? $"\"{skillList.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : skillList,
                "englishLevel" => random.Next(2) == 0 ? "B2" : "C1",
                "seniority" => random.Next(2) == 0 ? "mid" : "senior",
                "hourlyRateUsd" => $"{20 + random.Next(80)}.50",
                "availableFrom" => "2027-01-04",
                "hoursPerWeek" => "40",
                "status" => "active",
                _ => "",
            });
            text.Append(string.Join(',', values)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>Up to <paramref name="rows"/> stored people with a digest (the first by id), as the export reads them.</summary>
    public static async Task<List<ExportRow>> StoredAsync(NpgsqlConnection connection, int rows, CancellationToken ct)
    {
        Guid[] ids;
        await using (var command = new NpgsqlCommand(
            "SELECT coalesce(array_agg(id), '{}') FROM (SELECT id FROM professionals WHERE import_hash IS NOT NULL ORDER BY id LIMIT @rows) p", connection))
        {
            command.Parameters.Add(new NpgsqlParameter<int>("rows", rows));
            ids = (Guid[])(await command.ExecuteScalarAsync(ct))!;
        }

        return ids.Length == 0 ? [] : await ProfessionalSearch.ReadPageAsync(connection, ids, ct);
    }

    /// <summary>
    /// <paramref name="rows"/> in the import format, as the export writes them or, <paramref name="changed"/>, each with
    /// its rate one dollar higher (lower at the maximum), its first skill's level one higher (1 after 5) and, every
    /// fourth, its city's population one higher.
    /// </summary>
    public static byte[] Stored(IReadOnlyList<ExportRow> rows, SkillCatalog catalog, bool changed)
    {
        var text = new StringWriter(new StringBuilder(rows.Count * 300), CultureInfo.InvariantCulture);
        ProfessionalCsv.WriteHeader(text);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (changed)
            {
                var levels = (short[])row.SkillLevels.Clone();
                if (levels.Length > 0)
                {
                    levels[0] = (short)((levels[0] % 5) + 1);
                }

                row = row with
                {
                    HourlyRateUsd = row.HourlyRateUsd < 10_000 ? row.HourlyRateUsd + 1 : row.HourlyRateUsd - 1,
                    SkillLevels = levels,
                    CityPopulation = i % 4 == 0 && row.CityPopulation < int.MaxValue ? row.CityPopulation + 1 : row.CityPopulation,
                };
            }

            ProfessionalCsv.WriteRecord(text, row, id => catalog.Get(id)?.Name);
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
