using Microsoft.AspNetCore.Diagnostics;
using NearshoreHub.Web.Infrastructure;

namespace NearshoreHub.Web.Pages;

/// <summary>
/// Browsers get error pages within the layout (Pages/Error); the API, health and metrics keep their RFC 9457 problem
/// details, which the app-wide status-code and exception handlers registered before this one write.
/// </summary>
public static partial class ErrorPages
{
    /// <remarks>
    /// Not a UseWhen branch: a branch loses the app's routes, so the re-executed /Error request would find no page.
    /// Instead this status-code handler switches itself off for API requests, leaving them to the outer one.
    /// </remarks>
    public static IApplicationBuilder UseHtmlErrorPages(this IApplicationBuilder app)
    {
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        return app.Use((context, next) =>
        {
            if (IsForPages(context))
            {
                return ExceptionsAsStatusAsync(context, next);
            }

            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            return next(context);
        });
    }

    private static bool IsForPages(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/health")
        && !context.Request.Path.StartsWithSegments(Metrics.Path) && !context.Request.Path.StartsWithSegments("/swagger");

    /// <summary>
    /// The app-wide exception handler would answer a page with JSON (a browser accepts */*), so a page's failure
    /// becomes a bare status here and the status-code page above renders it.
    /// </summary>
    private static async Task ExceptionsAsStatusAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (!context.Response.HasStarted && exception is not OperationCanceledException)
        {
            var status = exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when DatabaseFailures.IsTransient(exception) => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            };
            if (status >= 500)
            {
                LogFailure(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ErrorPages)),
                    exception, context.Request.Method, context.Request.Path);
            }

            context.Response.Clear();
            context.Response.StatusCode = status;
            if (status == StatusCodes.Status503ServiceUnavailable)
            {
                context.Response.Headers.RetryAfter = "5";
            }
        }
    }

    [LoggerMessage(LogLevel.Error, "Unhandled exception for page {Method} {Path}")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method, string path);
}
