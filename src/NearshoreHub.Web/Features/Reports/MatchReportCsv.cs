using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Features.Reports;

/// <summary>
/// GET /api/v1/match-reports/{id}/export: a frozen ranking as CSV, one row per ranked professional, for spreadsheets.
/// The same access as reading the report. Staff also get the professional's current email and hourly rate (read at
/// export time, since the snapshot never holds them); a company's file has no such columns at all.
/// </summary>
public static class MatchReportCsv
{
    public static readonly string[] Columns =
    [
        "rank", "professionalId", "fullName", "country", "city", "citySize", "isRural", "timeZone", "seniority", "score",
        "skills", "overlap", "rate", "english", "availability", "averageOverlapHours", "minimumOverlapHours",
        "maximumOverlapHours", "matchedSkills", "missingSkills",
    ];

    public static readonly string[] StaffColumns = ["email", "hourlyRateUsd"];

    public static async Task<Results<FileContentHttpResult, NotFound>> Export(
        Guid id, NearshoreDbContext db, IOptions<JsonOptions> json, ClaimsPrincipal user, HttpContext http)
    {
        var ct = http.RequestAborted;
        var report = await db.MatchReports.AsNoTracking().Visible(user).SingleOrDefaultAsync(r => r.Id == id, ct);
        if (report is null)
        {
            return TypedResults.NotFound();
        }

        var ranking = JsonSerializer.Deserialize<MatchesResponse>(report.Snapshot, json.Value.SerializerOptions)!;
        Dictionary<Guid, (string Email, decimal Rate)>? contacts = null;
        if (user.IsStaff())
        {
            var ids = ranking.Items.Select(i => i.Professional.Id).ToList();
            contacts = await db.Professionals.AsNoTracking().Where(p => ids.Contains(p.Id))
                .Select(p => new { p.Id, p.Email, p.HourlyRateUsd })
                .ToDictionaryAsync(p => p.Id, p => (p.Email, p.HourlyRateUsd), ct);
        }

        // A report holds at most 200 rows, so the file is built whole rather than streamed.
        var text = new StringWriter(CultureInfo.InvariantCulture);
        Write(text, ranking, contacts);
        var fileName = $"match-report-{report.Id}.csv";
        return TypedResults.File(new UTF8Encoding(false).GetBytes(text.ToString()), "text/csv; charset=utf-8", fileName);
    }

    /// <param name="contacts">Email and rate by professional id for staff; null for a company, whose file must not have those columns.</param>
    internal static void Write(TextWriter writer, MatchesResponse ranking, IReadOnlyDictionary<Guid, (string Email, decimal Rate)>? contacts)
    {
        var header = contacts is null ? Columns : [.. Columns, .. StaffColumns];
        writer.Write(string.Join(',', header));
        writer.Write("\r\n");
        foreach (var item in ranking.Items)
        {
            var p = item.Professional;
            var b = item.Breakdown;
            var cells = new List<(string Value, bool Text)>
            {
                (item.Rank.ToString(CultureInfo.InvariantCulture), false),
                (p.Id.ToString(), false),
                (p.FullName, true),
                (p.Country, true),
                (p.City ?? "", true),
                (p.CitySize, true),
                (p.IsRural ? "true" : "false", false),
                (p.TimeZone, true),
                (p.Seniority, true),
                (Number(item.Score), false),
                (Number(b.Skills), false),
                (Number(b.Overlap), false),
                (Number(b.Rate), false),
                (Number(b.English), false),
                (Number(b.Availability), false),
                (Number(item.Overlap.AverageHours), false),
                (Number(item.Overlap.MinimumHours), false),
                (Number(item.Overlap.MaximumHours), false),
                (string.Join(';', item.MatchedSkills), true),
                (string.Join(';', item.MissingSkills), true),
            };
            if (contacts is not null)
            {
                var found = contacts.TryGetValue(p.Id, out var contact);
                cells.Add((found ? contact.Email : "", true));
                cells.Add((found ? Number(contact.Rate) : "", false));
            }

            for (var i = 0; i < cells.Count; i++)
            {
                if (i > 0)
                {
                    writer.Write(',');
                }

                SpreadsheetSafeCsv.WriteField(writer, cells[i].Value, cells[i].Text);
            }

            writer.Write("\r\n");
        }
    }

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
