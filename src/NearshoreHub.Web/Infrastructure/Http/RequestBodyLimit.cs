using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// Bodies over 1 MB are refused with 413 on every server, not only under Kestrel (whose own limit stays as a second
/// guard): a declared Content-Length is refused before anything is read, a chunked body as soon as it passes the limit.
/// Runs inside the exception handler, so both leave as problem details.
/// </summary>
internal sealed class RequestBodyLimitMiddleware(RequestDelegate next)
{
    public const long MaxBytes = 1 * 1024 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        // An endpoint that declares its own size limit (the CSV import takes files of up to 1 GiB) enforces it itself.
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is not null)
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength > MaxBytes)
        {
            throw TooLarge();
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = MaxBytes;
        }

        if (context.Request.ContentLength is null && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            // Read a body of unknown length here, while the error can still be told apart: the JSON binder turns any
            // I/O failure while it reads into a bare 400.
            context.Request.Body = new LimitedReadStream(context.Request.Body, MaxBytes);
            context.Request.EnableBuffering();
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Request.Body.Position = 0;
        }

        await next(context);
    }

    internal static BadHttpRequestException TooLarge() =>
        new($"The request body is larger than {MaxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
}
