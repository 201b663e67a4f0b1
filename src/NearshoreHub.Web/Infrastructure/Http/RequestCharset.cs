using System.Text;
using Microsoft.Net.Http.Headers;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// A body whose Content-Type names a charset .NET does not know ("application/json; charset=bogus") is refused with 415
/// here: left to the JSON binder, the failed encoding lookup surfaces as an InvalidOperationException, that is a 500.
/// "utf8", the alias MySQL, Python and many exporters write but .NET does not know, is read as "utf-8".
/// </summary>
internal sealed class RequestCharsetMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType) && contentType.Charset.HasValue)
        {
            if (string.Equals(HeaderUtilities.RemoveQuotes(contentType.Charset).Value, "utf8", StringComparison.OrdinalIgnoreCase))
            {
                contentType.Charset = "utf-8";
                context.Request.ContentType = contentType.ToString();
            }
            else if (!IsKnown(contentType.Charset.Value!))
            {
                throw new BadHttpRequestException("The request's charset is not supported.", StatusCodes.Status415UnsupportedMediaType);
            }
        }

        return next(context);
    }

    private static bool IsKnown(string charset)
    {
        try
        {
            // The same lookup the JSON and form readers make (quotes included, as they strip them too).
            _ = Encoding.GetEncoding(charset.Trim('"'));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
