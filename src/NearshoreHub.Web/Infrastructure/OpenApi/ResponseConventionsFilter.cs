using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using NearshoreHub.Web.Infrastructure.Auth;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NearshoreHub.Web.Infrastructure.OpenApi;

/// <summary>
/// Documents, on every operation, each error status the server's shared machinery can send, always with a problem
/// details body, the schemes that may call it (read from the endpoint's own authorization metadata so the document
/// cannot drift from the code), and the response headers: Location on 201, ETag, the IETF RateLimit headers on every
/// rate-limited answer and Retry-After on 429. Content types other than JSON (text/csv exports) get a string body.
/// </summary>
internal sealed class ResponseConventionsFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToList();
        var method = context.ApiDescription.HttpMethod ?? "GET";
        var path = "/" + context.ApiDescription.RelativePath;
        operation.Responses ??= new OpenApiResponses();

        DescribeBodies(operation, context);
        Add(operation, context, "400", "Validation failed: problem details with an errors object keyed by field path (skills[2].level).");
        if (anonymous || policies.Count == 0)
        {
            // One empty requirement: "no credentials needed", stated so a reader (and a linter) knows we did not forget.
            operation.Security = [new OpenApiSecurityRequirement()];
        }
        else
        {
            Add(operation, context, "401", "Missing or invalid credentials.");
            Add(operation, context, "403", "The caller's role may not do this.");
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", context.Document)] = [] });
            if (policies.Contains(Policies.StaffOrCompany))
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeys.Scheme, context.Document)] = [] });
            }
        }

        if (path.Contains('{', StringComparison.Ordinal))
        {
            Add(operation, context, "404", "No such resource, or not one the caller may see.");
        }

        if (method is "POST" or "PUT" or "PATCH")
        {
            Add(operation, context, "409", method == "POST"
                ? "Duplicate, or a request with the same Idempotency-Key is still in progress."
                : "The change would duplicate another resource.");
        }

        if (OperationFacts.HasBody(context))
        {
            Add(operation, context, "413", "The request body is larger than 1 MiB.");
            Add(operation, context, "415", "The content type is not supported.");
        }

        if (method is "POST")
        {
            Add(operation, context, "422", "The Idempotency-Key was used before with a different body.");
        }

        if (OperationFacts.HonoursIfMatch(context))
        {
            Add(operation, context, "412", "If-Match names a version that is no longer current.");
        }

        Add(operation, context, "429", "Too many requests; wait Retry-After seconds.");
        Add(operation, context, "500", "An unexpected error; the problem details carry a traceId to quote.");
        Add(operation, context, "503", "The database is unavailable.");
        AddHeaders(operation, context, method, path);
    }

    /// <summary>An error status declared without a body (ProducesProblem, 404 from Results) still answers problem details.</summary>
    private static void DescribeBodies(OpenApiOperation operation, OperationFilterContext context)
    {
        foreach (var (status, response) in operation.Responses!.ToList())
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            if (status.Length == 3 && status[0] is '4' or '5')
            {
                var schema = Problem(context, status);
                concrete.Content = new Dictionary<string, IOpenApiMediaType>
                {
                    ["application/problem+json"] = new OpenApiMediaType { Schema = schema },
                };
                continue;
            }

            // A body-less .Produces(200, contentType: "text/csv") reaches the API explorer without its content type.
            var formats = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<Microsoft.AspNetCore.Http.Metadata.IProducesResponseTypeMetadata>()
                .Where(r => r.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) == status)
                .SelectMany(r => r.ContentTypes).Distinct(StringComparer.Ordinal).ToList();
            foreach (var mediaType in formats.Where(f => f.StartsWith("text/", StringComparison.Ordinal)))
            {
                concrete.Content ??= new Dictionary<string, IOpenApiMediaType>();
                concrete.Content[mediaType] = new OpenApiMediaType
                {
                    // binary: generated clients hand the caller a stream instead of parsing the text as JSON (NSwag did).
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", MaxLength = int.MaxValue, Description = "UTF-8 text with a header row." },
                };
            }
        }
    }

    private static void AddHeaders(OpenApiOperation operation, OperationFilterContext context, string method, string path)
    {
        var api = path.StartsWith("/api/", StringComparison.Ordinal);
        var templated = path.Contains('{', StringComparison.Ordinal);
        foreach (var (status, response) in operation.Responses!)
        {
            if (response is not OpenApiResponse concrete)
            {
                continue;
            }

            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            if (api && status[0] is '2' or '4')
            {
                concrete.Headers[RateLimitHeaders.Policy] = new OpenApiHeaderReference(RateLimitHeaders.Policy, context.Document);
                concrete.Headers[RateLimitHeaders.State] = new OpenApiHeaderReference(RateLimitHeaders.State, context.Document);
            }

            if (status == "429")
            {
                concrete.Headers["Retry-After"] = new OpenApiHeaderReference("Retry-After", context.Document);
            }

            if (status == "201")
            {
                concrete.Headers["Location"] = new OpenApiHeaderReference("Location", context.Document);
            }

            var versioned = (method == "GET" && templated) || method is "PUT" or "PATCH" || status == "201" || OperationFacts.HonoursIfMatch(context);
            if (api && versioned && status is "200" or "201" && concrete.Content?.ContainsKey("application/json") == true)
            {
                concrete.Headers["ETag"] = new OpenApiHeaderReference("ETag", context.Document);
            }

            if (api && concrete.Headers.Count > 0)
            {
                concrete.Headers["Access-Control-Allow-Origin"] = new OpenApiHeaderReference("Access-Control-Allow-Origin", context.Document);
            }

            if (concrete.Headers.Count == 0)
            {
                concrete.Headers = null;
            }
        }
    }

    private static IOpenApiSchema Problem(OperationFilterContext context, string status) =>
        context.SchemaGenerator.GenerateSchema(status == "400" ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), context.SchemaRepository);

    private static void Add(OpenApiOperation operation, OperationFilterContext context, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = Problem(context, status) } },
        };
    }
}
