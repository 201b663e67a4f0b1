using System.Buffers;
using System.Globalization;
using System.Text;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>Writing the format: the export's header and records, spreadsheet-safe.</summary>
public static partial class ProfessionalCsv
{
    public static void WriteHeader(TextWriter writer) => writer.Write(string.Join(',', Columns) + "\r\n");

    /// <summary>One record in column order; the import reads it back to exactly the same stored values.</summary>
    public static void WriteRecord(TextWriter writer, ExportRow row, Func<int, string?> skillName)
    {
        var skills = new StringBuilder();
        for (var i = 0; i < row.SkillIds.Length; i++)
        {
            var name = skillName(row.SkillIds[i]);
            if (name is null)
            {
                continue;
            }

            if (skills.Length > 0)
            {
                skills.Append(';');
            }

            skills.Append(name).Append(':').Append(row.SkillLevels[i].ToString(CultureInfo.InvariantCulture))
                .Append(':').Append(row.SkillYears[i].ToString(CultureInfo.InvariantCulture));
        }

        WriteField(writer, row.FullName, true, true);
        WriteField(writer, row.Email, true, true);
        WriteField(writer, row.Headline, true, true);
        WriteField(writer, row.Country, true, true);
        WriteField(writer, row.City, true, true);
        WriteField(writer, row.CityPopulation.ToString(CultureInfo.InvariantCulture), false, true);
        WriteField(writer, row.IsRural ? "true" : "false", false, true);
        WriteField(writer, row.TimeZone, true, true);
        WriteField(writer, FormatTime(row.WorkStart), false, true);
        WriteField(writer, FormatTime(row.WorkEnd), false, true);
        WriteField(writer, string.Join(';', Reference.FromMask(row.WorkDays)), false, true);
        WriteField(writer, skills.ToString(), true, true);
        WriteField(writer, row.EnglishLevel, false, true);
        WriteField(writer, row.Seniority.ToLowerInvariant(), false, true);
        WriteField(writer, row.HourlyRateUsd.ToString(CultureInfo.InvariantCulture), false, true);
        WriteField(writer, row.AvailableFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), false, true);
        WriteField(writer, row.HoursPerWeek.ToString(CultureInfo.InvariantCulture), false, true);
        WriteField(writer, row.Status.ToLowerInvariant(), false, false);
        writer.Write("\r\n");
    }

    /// <summary>Free text is guarded against spreadsheet formulas; numbers, dates and names of choices never need it.</summary>
    private static void WriteField(TextWriter writer, string value, bool text, bool comma)
    {
        SpreadsheetSafeCsv.WriteField(writer, value, text);
        if (comma)
        {
            writer.Write(',');
        }
    }

    private static string FormatTime(TimeOnly time) =>
        time.ToString(time.Second == 0 && time.Millisecond == 0 ? "HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
}
