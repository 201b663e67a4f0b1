using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// POST /api/v1/professionals/import?mode=atomic|partial with a text/csv body in the format of <see cref="ProfessionalCsv"/>.
/// 200 with {inserted, updated, unchanged, rejected, rejectedCount} when written; an atomic import with rejected rows
/// writes nothing and answers 422 problem details carrying the same fields; a file that cannot be read answers 400
/// (408 when the upload stalls, 413 when too large, 415 when not text/csv) and writes nothing.
/// </summary>
internal static class ProfessionalImportApi
{
    /// <summary>
    /// Default upper bound of one import file; "Import:MaxBytes" overrides it. The rest of the API keeps 1 MB. The file
    /// is streamed, never held, so the bound is about how long one transaction may run: 1 GiB takes the export of
    /// 2.2 million professionals (about 730 MB) back in one piece.
    /// </summary>
    public const long DefaultMaxBytes = 1024L * 1024 * 1024;

    public static long MaxBytes(IConfiguration configuration) => configuration.GetValue("Import:MaxBytes", DefaultMaxBytes);

    /// <summary>
    /// How long an upload may send nothing before it is abandoned ("Import:IdleTimeoutSeconds"): the import holds a
    /// database connection and transaction while it reads, so a stalled client must not keep them.
    /// </summary>
    public const int DefaultIdleTimeoutSeconds = 30;

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult, ValidationProblem>> Import(
        [DocumentAs(typeof(ImportMode), Description = "atomic (default): any invalid row writes nothing; partial: valid rows are written, invalid ones listed.")] string? mode,
        ProfessionalImport import, ProfessionalWrites writes, SkillCatalog catalog, AuditLog audit,
        IConfiguration configuration, HttpContext http)
    {
        var parsedMode = ImportMode.Atomic;
        // By name only: a repeated parameter arrives joined ("atomic,partial"), which Enum.TryParse reads as partial.
        if (!string.IsNullOrWhiteSpace(mode) && !EnumNames.TryParse(mode.AsSpan().Trim(), out parsedMode))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["mode"] = ["Must be atomic or partial."] });
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, ProfessionalCsv.ContentType, StringComparison.OrdinalIgnoreCase)
            || (contentType.Charset.HasValue && !string.Equals(HeaderUtilities.RemoveQuotes(contentType.Charset).Value, "utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(
                title: "Unsupported content type.",
                detail: "Send the file as text/csv (UTF-8) with a header row: " + string.Join(",", ProfessionalCsv.Columns) + ".",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        // A compressed body would only fail later as "not valid UTF-8", which hides the reason.
        var codings = http.Request.Headers.ContentEncoding.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        if (codings.Any(coding => !string.Equals(coding, "identity", StringComparison.OrdinalIgnoreCase)))
        {
            return TypedResults.Problem(
                title: "Unsupported content encoding.",
                detail: "Send the CSV file uncompressed (no Content-Encoding). Nothing was written.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        var limit = MaxBytes(configuration);
        if (http.Request.ContentLength > limit)
        {
            return TooLarge(limit);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        ImportOutcome outcome;
        try
        {
            var idle = TimeSpan.FromSeconds(configuration.GetValue("Import:IdleTimeoutSeconds", DefaultIdleTimeoutSeconds));
            outcome = await import.ImportAsync(new LimitedReadStream(http.Request.Body, limit, "file", idle), parsedMode, http.RequestAborted);
        }
        catch (CsvFormatException broken)
        {
            return TypedResults.Problem(title: "The file cannot be imported; nothing was written.", detail: broken.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (BadHttpRequestException tooLarge) when (tooLarge.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(limit);
        }
        catch (BadHttpRequestException stalled) when (stalled.StatusCode == StatusCodes.Status408RequestTimeout)
        {
            return TypedResults.Problem(
                title: "The upload stopped; nothing was written.", detail: stalled.Message + " Send the file again.",
                statusCode: StatusCodes.Status408RequestTimeout);
        }

        var result = outcome.Result;
        if (!outcome.Written)
        {
            await audit.WriteAsync(http, "professional.import.rejected", null, ProfessionalImport.Summary(result));
            return TypedResults.Problem(
                title: "Some rows are invalid; nothing was written (mode=atomic).",
                detail: $"{result.RejectedCount} row(s) rejected. Fix them, or import with mode=partial to write the valid rows.",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["inserted"] = 0,
                    ["updated"] = 0,
                    ["unchanged"] = 0,
                    ["rejected"] = result.Rejected,
                    ["rejectedCount"] = result.RejectedCount,
                });
        }

        await writes.CommittedAsync(outcome.ChangedIds, AuditActor.Of(http), "professional.import", null, ProfessionalImport.Summary(result));
        return TypedResults.Ok(result);
    }

    private static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        title: "The request body is too large.",
        detail: $"An import file may have at most {limit} bytes; split it and import the parts. Nothing was written.",
        statusCode: StatusCodes.Status413PayloadTooLarge);
}
