using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using NearshoreHub.Web.Infrastructure.Auth;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NearshoreHub.Web.Infrastructure;

public static class OpenApiSetup
{
    public static IServiceCollection AddNearshoreOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "NearshoreHub API",
                Version = "v1",
                Description = "Remote professionals, US client projects and DST-exact matching. Errors are RFC 9457 problem details.",
                License = new OpenApiLicense { Name = "Proprietary", Url = new Uri("https://example.org/nearshorehub/license") },
            });
            options.AddSecurityDefinition("Bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "Staff bearer token from POST /api/v1/auth/login.",
            });
            options.AddSecurityDefinition(ApiKeys.Scheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeys.HeaderName,
                Description = "Client company API key.",
            });
            // Relative: the API is described wherever it is served from.
            options.AddServer(new OpenApiServer { Url = "/", Description = "This server" });
            options.OperationFilter<ProblemResponsesFilter>();
            options.DocumentFilter<HealthPathsFilter>();
            options.DocumentFilter<TagDescriptionsFilter>();
            options.SupportNonNullableReferenceTypes();
            options.CustomSchemaIds(type => type.FullName!.Replace("NearshoreHub.Web.Features.", "", StringComparison.Ordinal)
                .Replace(".", "", StringComparison.Ordinal).Replace("+", "", StringComparison.Ordinal).Replace("`1[[", "Of", StringComparison.Ordinal).Split(',')[0]);
            options.MapType<TimeOnly>(() => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$" });
            options.MapType<DateOnly>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" });
        });
        return services;
    }
}

/// <summary>
/// Documents, on every operation, the problem-details answers it can give and the schemes that may call it,
/// read from the endpoint's own authorization metadata so the document cannot drift from the code.
/// </summary>
internal sealed class ProblemResponsesFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var anonymous = metadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any();
        var policies = metadata.OfType<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Select(a => a.Policy).ToList();
        var method = context.ApiDescription.HttpMethod ?? "GET";
        operation.Responses ??= new OpenApiResponses();

        Add(operation, context, "400", "Validation failed (problem details with an errors object keyed by field path).");
        if (anonymous || policies.Count == 0)
        {
            // Stated explicitly, so a reader (and a linter) knows these need no credentials rather than that we forgot.
            operation.Security = [];
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

        if (context.ApiDescription.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
        {
            Add(operation, context, "404", "No such resource, or not one the caller may see.");
        }

        if (method is "POST")
        {
            Add(operation, context, "409", "Duplicate, or a request with the same Idempotency-Key is in progress.");
            Add(operation, context, "413", "The request body is too large.");
            Add(operation, context, "415", "The content type is not supported.");
            Add(operation, context, "422", "The Idempotency-Key was used with a different body.");
        }

        if (method is "PUT" or "PATCH" or "DELETE")
        {
            Add(operation, context, "412", "If-Match names a version that is no longer current.");
        }

        Add(operation, context, "429", "Too many requests; see Retry-After.");
        Add(operation, context, "503", "The database is unavailable.");
    }

    private static void Add(OpenApiOperation operation, OperationFilterContext context, string status, string description)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        var schema = context.SchemaGenerator.GenerateSchema(status == "400" ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails), context.SchemaRepository);
        operation.Responses[status] = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType> { ["application/problem+json"] = new OpenApiMediaType { Schema = schema } },
        };
    }
}

/// <summary>
/// The health checks are mapped as plain request delegates, which the API explorer cannot see; they are
/// described here so the document lists every endpoint the app serves.
/// </summary>
internal sealed class HealthPathsFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        if (!document.Tags.Any(t => t.Name == "Health"))
        {
            document.Tags.Add(new OpenApiTag { Name = "Health" });
        }

        document.Paths.Add("/health/live", Probe(document, "HealthLive", "Answers Healthy while the process runs."));
        document.Paths.Add("/health/ready", Probe(document, "HealthReady", "Answers Healthy when PostgreSQL is reachable and all migrations are applied, else 503 Unhealthy."));
    }

    private static OpenApiPathItem Probe(OpenApiDocument document, string operationId, string summary)
    {
        OpenApiResponse Answer(string description, string value) => new()
        {
            Description = description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["text/plain"] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [System.Text.Json.Nodes.JsonValue.Create(value)] } },
            },
        };

        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new OpenApiOperation
                {
                    OperationId = operationId,
                    Summary = summary,
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Security = [],
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Answer("Healthy.", "Healthy"),
                        ["503"] = Answer("Unhealthy.", "Unhealthy"),
                    },
                },
            },
        };
    }
}

/// <summary>Every tag the document uses gets a one-line description for the reader of the Swagger UI.</summary>
internal sealed class TagDescriptionsFilter : IDocumentFilter
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["Auth"] = "Staff sign-in: bearer and refresh tokens.",
        ["Skills"] = "The skills catalogue: names, aliases, categories and related skills. Read: any caller; write: admin.",
        ["Professionals"] = "Remote professionals (staff only).",
        ["Companies"] = "Client companies and their API keys (admin).",
        ["Projects"] = "Client projects: staff see all, a company (X-Api-Key) only its own.",
        ["Users"] = "Staff users and roles (admin).",
        ["Health"] = "Liveness and readiness probes; no credentials needed.",
        ["Matching"] = "Ranks professionals for a project (staff).",
        ["Match reports"] = "Immutable ranking snapshots and their review: staff all, a company its own approved ones.",
        ["Tools"] = "Public helpers such as the working-hour overlap calculator.",
    };

    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Tags ??= new HashSet<OpenApiTag>();
        var used = document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? [])
            .SelectMany(o => o.Tags ?? new HashSet<OpenApiTagReference>())
            .Select(t => t.Name).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in used.Where(n => !document.Tags.Any(t => t.Name == n)))
        {
            document.Tags.Add(new OpenApiTag { Name = name });
        }

        foreach (var tag in document.Tags.Where(t => t.Description is null && t.Name is not null))
        {
            tag.Description = Descriptions.GetValueOrDefault(tag.Name!, tag.Name!);
        }
    }
}
