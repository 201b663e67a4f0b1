using Microsoft.AspNetCore.Http.Features;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// A request URL over 8 KB is refused with 414 problem details. Kestrel's own limit (which answers with a bare 414
/// before any middleware runs) is set higher, to <see cref="KestrelMaxRequestLine"/>, so that only URLs past it
/// still get the bare answer.
/// </summary>
internal sealed class RequestTargetLimitMiddleware(RequestDelegate next)
{
    public const int MaxLength = 8 * 1024;

    public const int KestrelMaxRequestLine = 64 * 1024;

    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var length = target?.Length ?? (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0);
        if (length > MaxLength)
        {
            throw new BadHttpRequestException(
                $"The request URL has {length} characters; at most {MaxLength} are accepted. Send fewer or shorter query parameters.",
                StatusCodes.Status414UriTooLong);
        }

        return next(context);
    }
}
