using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Pages.Import;

/// <summary>
/// Uploads a CSV file and starts importing it in the background, then shows its progress (Status page).
/// The multipart body is read by hand, section by section, so the file goes straight to a temporary file and is
/// never held in memory; for the same reason the anti-forgery token is checked by hand when its section arrives
/// (the automatic check would first buffer the whole form). Order 1001 puts this after the automatic check (1000),
/// which is what makes it win.
/// </summary>
[IgnoreAntiforgeryToken(Order = 1001)]
[DisableRequestSizeLimit] // lifted here so that OnPostAsync can set the configured limit, which an attribute cannot read
public sealed class IndexModel(ImportJobs jobs, IAntiforgery antiforgery, IOptions<AntiforgeryOptions> antiforgeryOptions, IConfiguration configuration) : PageModel
{
    private const long FormOverheadBytes = 64 * 1024;
    private const string TokenField = "__RequestVerificationToken";

    public ImportMode Mode { get; set; } = ImportMode.Atomic;

    public long MaxBytes => ProfessionalImportApi.MaxBytes(configuration);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The configured limit (Import:MaxBytes), as the API applies it: a fixed attribute held the page at the default
        // 1 GiB while the page itself announced a larger configured limit.
        if (HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = MaxBytes + FormOverheadBytes;
        }

        if (!MediaTypeHeaderValue.TryParse(Request.ContentType, out var contentType)
            || !string.Equals(contentType.MediaType.Value, "multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 } boundary)
        {
            return BadRequest();
        }

        var ct = HttpContext.RequestAborted;
        var reader = new MultipartReader(boundary, Request.Body);
        var tokenChecked = false;
        string? path = null;
        string? fileName = null;
        long fileBytes = 0;
        string? mode = null;
        try
        {
            while (await Upload(() => reader.ReadNextSectionAsync(ct)) is { } section)
            {
                // IsFormDisposition() is false for file parts, so test the type itself.
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value;
                if (disposition.IsFileDisposition() && name == "File")
                {
                    if (path is not null)
                    {
                        continue;
                    }

                    fileName = Path.GetFileName(HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "");
                    path = Path.Combine(Path.GetTempPath(), "nearshorehub-import-" + Guid.NewGuid().ToString("N") + ".csv");
                    await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
                    fileBytes = await CopyLimitedAsync(section.Body, file, MaxBytes, ct);
                    if (fileBytes < 0)
                    {
                        break;
                    }

                    continue;
                }

                var value = await ReadSmallAsync(section.Body, ct);
                if (name == TokenField && !tokenChecked)
                {
                    // The antiforgery service reads a request token from this header before it would read the form.
                    Request.Headers[antiforgeryOptions.Value.HeaderName ?? DefaultHeaderName] = value;
                    if (!await antiforgery.IsRequestValidAsync(HttpContext))
                    {
                        Discard(path);
                        return BadRequest();
                    }

                    tokenChecked = true;
                }
                else if (name == nameof(Mode))
                {
                    mode = value;
                }
            }
        }
        catch (InvalidDataException)
        {
            Discard(path);
            return BadRequest();
        }
        catch
        {
            // A dropped connection or a cancelled request must not leave the partial upload behind.
            Discard(path);
            throw;
        }

        if (!tokenChecked)
        {
            Discard(path);
            return BadRequest();
        }

        if (fileBytes < 0)
        {
            Discard(path);
            ModelState.AddModelError("File", string.Create(CultureInfo.InvariantCulture, $"The file is larger than {MaxBytes:N0} bytes; split it and import the parts. Nothing was written."));
            return Page();
        }

        if (mode is not null && EnumNames.TryParse<ImportMode>(mode, out var chosen))
        {
            Mode = chosen;
        }
        else
        {
            ModelState.AddModelError(nameof(Mode), "Choose atomic or partial.");
        }

        if (path is null || fileBytes == 0)
        {
            ModelState.AddModelError("File", "Choose a CSV file to import.");
        }

        if (!ModelState.IsValid)
        {
            Discard(path);
            return Page();
        }

        var job = jobs.Start(path!, string.IsNullOrWhiteSpace(fileName) ? "upload.csv" : fileName, Mode, User, HttpContext.Connection.RemoteIpAddress);
        return RedirectToPage("Status", new { id = job.Id });
    }

    private const string DefaultHeaderName = "RequestVerificationToken";

    private static void Discard(string? path)
    {
        if (path is not null)
        {
            ImportJobs.TryDelete(path);
        }
    }

    /// <summary>
    /// Reads from the upload. A body that ends inside a part (no closing boundary) makes the multipart reader throw an
    /// IOException; that is a malformed upload (400), not a server failure, so it becomes the InvalidDataException the
    /// other malformed shapes raise. Writing the temporary file is left outside, so a full disk stays a 500.
    /// </summary>
    private static async Task<T> Upload<T>(Func<Task<T>> read)
    {
        try
        {
            return await read();
        }
        catch (IOException e) when (e is not BadHttpRequestException and not ConnectionResetException)
        {
            // Kestrel's own refusals (too large, too slow) and a vanished client are BadHttpRequestException and
            // ConnectionResetException, both IOExceptions too; they keep their own handling.
            throw new InvalidDataException("The upload ended before its last part.", e);
        }
    }

    /// <returns>The bytes copied, or -1 as soon as there are more than <paramref name="limit"/>.</returns>
    private static async Task<long> CopyLimitedAsync(Stream from, Stream to, long limit, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = await Upload(() => from.ReadAsync(buffer, ct).AsTask())) > 0)
        {
            total += read;
            if (total > limit)
            {
                return -1;
            }

            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }

        return total;
    }

    /// <summary>A plain form field: the token or the mode, never more than a few hundred characters.</summary>
    private static async Task<string> ReadSmallAsync(Stream body, CancellationToken ct)
    {
        using var reader = new StreamReader(body);
        var buffer = new char[4096];
        var read = await Upload(() => reader.ReadBlockAsync(buffer, ct).AsTask());
        if (read == buffer.Length)
        {
            throw new InvalidDataException("A form field is too long.");
        }

        return new string(buffer, 0, read);
    }
}
