using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>The one path every error leaves by: RFC 9457 problem details.</summary>
public static class ProblemDetailsSetup
{
    public static IServiceCollection AddNearshoreProblemDetails(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
        });
        services.AddExceptionHandler<NearshoreExceptionHandler>();
        // Without this, outside Development a body that fails to bind (malformed JSON, "ten" for a number,
        // no body at all) leaves as a bare 400 with no errors object; thrown, it reaches the handler below,
        // which keys the error by the failing field's path.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}

internal sealed partial class NearshoreExceptionHandler(IProblemDetailsService problemDetails, ILogger<NearshoreExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = Map(exception);
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails { Status = StatusCodes.Status500InternalServerError, Title = "An unexpected error occurred." };
        }

        httpContext.Response.StatusCode = problem.Status ?? 500;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails? Map(Exception exception) => exception switch
    {
        BadHttpRequestException { InnerException: JsonException json } => JsonProblem(json),
        BadHttpRequestException { StatusCode: StatusCodes.Status400BadRequest } bad when BindingProblem(bad) is { } binding => binding,
        BadHttpRequestException bad => new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status414UriTooLong => "The request URL is too long.",
                StatusCodes.Status415UnsupportedMediaType => "Unsupported content type.",
                _ => "The request is malformed.",
            },
            Detail = bad.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status414UriTooLong ? bad.Message : null,
        },
        DuplicateException duplicate => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "The request conflicts with the current data.",
            Detail = duplicate.Message,
        },
        Microsoft.EntityFrameworkCore.DbUpdateException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => new ProblemDetails
        {
            Status = StatusCodes.Status409Conflict,
            Title = "A resource with the same unique value already exists.",
        },
        Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException or ConcurrencyConflictException => new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = "The resource was changed by someone else. Read it again and retry with the new ETag.",
        },
        _ when UnstorableCharacter(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request contains a character that cannot be stored (such as U+0000).",
        },
        _ when DatabaseFailures.IsTransient(exception) => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable. Try again shortly.",
        },
        Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException => new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is unavailable. Try again shortly.",
        },
        OperationCanceledException => new ProblemDetails { Status = 499, Title = "The request was cancelled." },
        _ => null,
    };

    /// <summary>
    /// PostgreSQL text cannot hold U+0000 (22021) nor characters the database encoding lacks (22P05). Any value can carry
    /// one (a body, a query string, a CSV cell), so the refusal is mapped here, once, wherever EF or Npgsql wraps it.
    /// </summary>
    private static bool UnstorableCharacter(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is PostgresException { SqlState: "22021" or "22P05" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Turns a JSON binding failure into a validation problem keyed by the field path (skills[2].level).</summary>
    private static HttpValidationProblemDetails JsonProblem(JsonException json)
    {
        var path = JsonPathToFieldPath(json.Path);
        var message = json.Path is null
            ? "The request body is not valid JSON."
            : $"The value at '{path}' is not valid for its field.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [path.Length == 0 ? "$" : path] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };
    }

    /// <summary>
    /// A missing body is keyed "$" (the whole body); a query or route value that does not parse ("limit=abc") is keyed by
    /// its parameter name. The framework only says which in its message, so that is what is read here.
    /// </summary>
    private static HttpValidationProblemDetails? BindingProblem(BadHttpRequestException bad)
    {
        string key, message;
        if (bad.Message.Contains("was not provided from body", StringComparison.Ordinal) || bad.Message.Contains("no body was provided", StringComparison.Ordinal))
        {
            (key, message) = ("$", "A JSON request body is required.");
        }
        else if (MissingOrUnparsableParameter().Match(bad.Message) is { Success: true } match)
        {
            key = System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(match.Groups["name"].Value);
            message = match.Groups["value"].Success ? $"'{match.Groups["value"].Value}' is not a valid value." : "A value is required.";
        }
        else
        {
            return null;
        }

        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [key] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "One or more validation errors occurred.",
        };
    }

    [System.Text.RegularExpressions.GeneratedRegex("""(?:Failed to bind parameter|Required parameter) "(?:[^"]* )?(?<name>[A-Za-z0-9_]+)"(?: from "(?<value>[^"]*)")?""")]
    private static partial System.Text.RegularExpressions.Regex MissingOrUnparsableParameter();

    internal static string JsonPathToFieldPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        var trimmed = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        return trimmed.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
    }
}

/// <summary>Raised when an If-Match or row-version check fails; leaves as 412.</summary>
public sealed class ConcurrencyConflictException : Exception
{
    public ConcurrencyConflictException() : base("The resource was modified concurrently.") { }
    public ConcurrencyConflictException(string message) : base(message) { }
    public ConcurrencyConflictException(string message, Exception inner) : base(message, inner) { }
}
