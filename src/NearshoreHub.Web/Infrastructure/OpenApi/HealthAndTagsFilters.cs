using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NearshoreHub.Web.Infrastructure.OpenApi;

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
        document.Paths.Add("/health/ready", Probe(document, "HealthReady", "Answers Healthy when PostgreSQL is reachable, all migrations are applied, the candidate index is built and the import is warmed up; else 503 Unhealthy."));
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
                    Security = [new OpenApiSecurityRequirement()],
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
