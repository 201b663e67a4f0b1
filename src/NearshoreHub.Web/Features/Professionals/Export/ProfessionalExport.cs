using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Streams every professional matching the search filters as import-format CSV, in id order. Rows flow from one
/// data reader through a small text buffer to the response, so memory stays flat however large the pool is.
/// </summary>
internal static class ProfessionalExport
{
    private const int FlushThreshold = 32 * 1024;

    public static async Task<Results<PushStreamHttpResult, ValidationProblem>> Export(
        [AsParameters] ProfessionalExportParameters parameters, ProfessionalSearch search, SkillCatalog catalog, AuditLog audit,
        TimeProvider clock, HttpContext http)
    {
        var query = parameters.ToSearch().Parse(catalog, out var errors);
        if (errors.Count == 0)
        {
            errors = await search.CheckReferencesAsync(query, http.RequestAborted);
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await audit.WriteAsync(http, "professional.export", null, http.Request.QueryString.Value);
        var fileName = $"professionals-{clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
        return TypedResults.Stream(async stream =>
        {
            var ct = http.RequestAborted;
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024);
            var buffer = new StringBuilder(FlushThreshold * 2);
            using var text = new StringWriter(buffer, CultureInfo.InvariantCulture) { NewLine = "\r\n" };
            ProfessionalCsv.WriteHeader(text);
            // Kestrel forbids synchronous writes, so records are formatted into memory and handed over asynchronously.
            await foreach (var row in search.StreamAsync(query, ct))
            {
                ProfessionalCsv.WriteRecord(text, row, id => catalog.Get(id)?.Name);
                if (buffer.Length >= FlushThreshold)
                {
                    await writer.WriteAsync(buffer, ct);
                    buffer.Clear();
                }
            }

            await writer.WriteAsync(buffer, ct);
            await writer.FlushAsync(ct);
        }, "text/csv; charset=utf-8", fileName);
    }
}
