using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace NearshoreHub.Web.Pages;

/// <summary>
/// The page browsers see for an error status (re-executed by <see cref="ErrorPages"/>). Anyone may see it, and it
/// answers a re-executed form post too, so it takes no anti-forgery token.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string? OriginalPath { get; private set; }

    // Read from the route, not bound: binding a handler parameter first reads the request's form (whatever the
    // parameter's source), which a page that streamed its body by hand (the import upload) has consumed, so the code
    // came out 0 and a stale upload token was shown as "Page not found".
    public void OnGet() => Describe(RouteCode());

    public void OnPost() => Describe(RouteCode());

    private int RouteCode() =>
        int.TryParse(RouteData.Values["code"] as string, NumberStyles.None, CultureInfo.InvariantCulture, out var code) ? code : 0;

    private void Describe(int code)
    {
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        OriginalPath = reExecuted?.OriginalPath;
        // Visited directly, the page still answers with the status it describes.
        Code = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        if (reExecuted is null)
        {
            Response.StatusCode = Code;
        }

        (Title, Explanation) = Code switch
        {
            StatusCodes.Status400BadRequest => ("The request could not be handled",
                "Something in it was not valid. If you were sending a form, it may have expired: open the page again and resend it."),
            StatusCodes.Status403Forbidden => ("Access denied", "Your account's role cannot open this page. Ask an administrator if you need it."),
            StatusCodes.Status404NotFound => ("Page not found",
                "There is nothing at this address. What it showed may have been deleted, or the link may be mistyped."),
            StatusCodes.Status405MethodNotAllowed => ("Not allowed here", "This page cannot be used that way. Go back and use its links and buttons."),
            StatusCodes.Status429TooManyRequests => ("Too many requests", "Wait a minute, then try again."),
            StatusCodes.Status503ServiceUnavailable => ("Temporarily unavailable", "The service cannot reach its database just now. Try again in a few seconds."),
            >= 500 => ("Something went wrong", "The error has been logged. Try again; if it keeps happening, tell an administrator the reference below."),
            _ => ("The request could not be handled", "Go back and try again."),
        };
    }
}
