using System.Buffers;
using System.Globalization;
using System.Text;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// The CSV format shared by import and export (RFC 4180, UTF-8, comma-separated, header row first).
/// Columns (any order, names case-insensitive):
/// fullName, email, headline, country, city, cityPopulation, isRural (true|false), timeZone (IANA id),
/// workStart and workEnd (HH:mm), workingDays (Mon;Tue;Wed;Thu;Fri), skills (name:level:years;name:level:years),
/// englishLevel (A1…C2), seniority (junior|mid|senior|lead), hourlyRateUsd (dot decimal), availableFrom (YYYY-MM-DD),
/// hoursPerWeek, status (active|placed|inactive).
/// Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab, CR) is exported with a leading
/// single quote, which the import removes again (<see cref="SpreadsheetSafeCsv"/>).
/// headline, isRural, workingDays, skills, hoursPerWeek and status may be left out or empty: they then take the API's
/// defaults (empty, false, Mon–Fri, none, 40, active).
/// </summary>
public static partial class ProfessionalCsv
{
    public static readonly string[] Columns =
    [
        "fullName", "email", "headline", "country", "city", "cityPopulation", "isRural", "timeZone", "workStart", "workEnd",
        "workingDays", "skills", "englishLevel", "seniority", "hourlyRateUsd", "availableFrom", "hoursPerWeek", "status",
    ];

    public static readonly string[] RequiredColumns =
    [
        "fullName", "email", "country", "city", "cityPopulation", "timeZone", "workStart", "workEnd",
        "englishLevel", "seniority", "hourlyRateUsd", "availableFrom",
    ];

    public const string ContentType = "text/csv";

    /// <summary>Maps each known column to its position in the file, or explains what is wrong with the header.</summary>
    public static int[]? MapHeader(IReadOnlyList<string> header, out string? problem)
    {
        var positions = new int[Columns.Length];
        Array.Fill(positions, -1);
        for (var i = 0; i < header.Count; i++)
        {
            var name = header[i].Trim();
            var index = Array.FindIndex(Columns, c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                // The cell is the file's, so it is shown clipped and with control characters made visible.
                problem = $"Unknown column '{Clip(Visible(name))}' in the header. Expected columns: {string.Join(",", Columns)}.";
                return null;
            }

            if (positions[index] >= 0)
            {
                problem = $"Column '{Columns[index]}' appears twice in the header.";
                return null;
            }

            positions[index] = i;
        }

        var missing = RequiredColumns.Where(c => positions[Array.IndexOf(Columns, c)] < 0).ToList();
        if (missing.Count > 0)
        {
            problem = $"The header lacks the required column(s) {string.Join(", ", missing)}. Expected columns: {string.Join(",", Columns)}.";
            return null;
        }

        problem = null;
        return positions;
    }

    /// <summary>Maps a validator path (workingHours.start, skills[2].level) to the CSV column it came from.</summary>
    public static string FieldOf(string validatorPath) => validatorPath switch
    {
        "workingHours" or "workingHours.start" => "workStart",
        "workingHours.end" => "workEnd",
        _ when validatorPath.StartsWith("workingDays", StringComparison.Ordinal) => "workingDays",
        _ => validatorPath,
    };
}
