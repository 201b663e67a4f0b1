using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NearshoreHub.Web.Infrastructure.OpenApi;

/// <summary>
/// Query parameters as clients send them: camelCase names (the API's JSON and its validation errors are camelCase),
/// real types and the bounds their validator enforces; plus the request headers the server honours: If-Match on
/// writes that check it, Idempotency-Key on every POST (the idempotency middleware reads it on all of them).
/// </summary>
internal sealed class ParameterConventionsFilter(ValidatorRules rules) : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var containers = context.MethodInfo?.GetParameters()
            .Where(p => p.GetCustomAttribute<AsParametersAttribute>() is not null)
            .Select(p => p.ParameterType).ToList() ?? [];

        containers.AddRange(containers.Select(c => c.GetCustomAttribute<DocumentParametersLikeAttribute>()?.Type).OfType<Type>().ToList());
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Name is null || parameter.In is not (ParameterLocation.Query or ParameterLocation.Path))
            {
                continue;
            }

            // A handler's own parameter (a path id, a slug, ?mode=) may carry [DocumentAs] itself.
            if (context.MethodInfo?.GetParameters().FirstOrDefault(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))
                    ?.GetCustomAttribute<DocumentAsAttribute>() is { } own)
            {
                parameter.Schema = Documented(own, context);
                parameter.Description ??= own.Description;
                continue;
            }

            if (parameter.In != ParameterLocation.Query)
            {
                continue;
            }

            var property = containers.Select(c => (Container: c, Property: c.GetProperty(parameter.Name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.IgnoreCase)))
                .FirstOrDefault(x => x.Property is not null);
            parameter.Name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name);
            if (property.Property is null)
            {
                continue;
            }

            var documentAs = containers.Select(c => DocumentAsOf(c, property.Property.Name)).FirstOrDefault(d => d is not null);
            if (documentAs is not null)
            {
                parameter.Schema = Documented(documentAs, context);
                parameter.Description ??= documentAs.Description;
                if (documentAs.Example is { } example)
                {
                    parameter.Example = JsonValue.Create(example);
                }
            }
            else if (rules.For(property.Container, property.Property.Name) is { } bounds && parameter.Schema is not null)
            {
                if (parameter.Schema is OpenApiSchema)
                {
                    parameter.Schema = CopyOf(parameter.Schema);
                }

                Bounds.Apply(parameter.Schema, bounds);
                parameter.Required |= bounds.Required;
            }
        }

        AddHeaders(operation, context);
    }

    // On the property, or for a positional record on its constructor parameter.
    private static DocumentAsAttribute? DocumentAsOf(Type container, string name) =>
        container.GetProperty(name, BindingFlags.Instance | BindingFlags.Public | BindingFlags.IgnoreCase)?.GetCustomAttribute<DocumentAsAttribute>()
        ?? container.GetConstructors().SelectMany(c => c.GetParameters())
            .FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.GetCustomAttribute<DocumentAsAttribute>();

    private static IOpenApiSchema Documented(DocumentAsAttribute documentAs, OperationFilterContext context)
    {
        var generated = context.SchemaGenerator.GenerateSchema(documentAs.Type, context.SchemaRepository);
        if (generated is not OpenApiSchema inline)
        {
            return generated;
        }

        var schema = CopyOf(inline);
        if (!double.IsNaN(documentAs.Minimum))
        {
            schema.Minimum = documentAs.Minimum.ToString(CultureInfo.InvariantCulture);
        }

        if (!double.IsNaN(documentAs.Maximum))
        {
            schema.Maximum = documentAs.Maximum.ToString(CultureInfo.InvariantCulture);
        }

        if (documentAs.MaxLength > 0)
        {
            schema.MaxLength = documentAs.MaxLength;
        }

        schema.Pattern = documentAs.Pattern ?? schema.Pattern;
        return schema;
    }

    // Parameter schemas of one type may be one shared instance; bounds belong to this parameter only.
    private static OpenApiSchema CopyOf(IOpenApiSchema schema) => schema.CreateShallowCopy() as OpenApiSchema ?? new OpenApiSchema();

    private static void AddHeaders(OpenApiOperation operation, OperationFilterContext context)
    {
        var method = context.ApiDescription.HttpMethod ?? "GET";
        var path = "/" + context.ApiDescription.RelativePath;
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return;
        }

        operation.Parameters ??= [];
        if (OperationFacts.HonoursIfMatch(context))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "The ETag of the version this change is based on; a stale one is refused with 412. Absent or * always matches.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 200 },
                Example = JsonValue.Create("\"1234\""),
            });
        }

        if (method == "POST")
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyMiddleware.HeaderName,
                In = ParameterLocation.Header,
                Description = "Any unique string (a UUID). The same key and body replays the first successful answer; the same key with another body is 422.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = 200 },
                Example = JsonValue.Create("5f0c6a2e-2b7e-4d7a-9f67-0d8f2a0c1e11"),
            });
        }
    }
}

/// <summary>Facts about an operation that more than one convention needs.</summary>
internal static class OperationFacts
{
    public static bool HonoursIfMatch(OperationFilterContext context) =>
        context.ApiDescription.HttpMethod is "PUT" or "PATCH" or "DELETE"
        || context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<HonoursIfMatchMetadata>().Any();

    public static bool HasBody(OperationFilterContext context) =>
        context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<IAcceptsMetadata>().Any()
        || context.ApiDescription.ParameterDescriptions.Any(p => p.Source.Id == "Body");
}

/// <summary>Marks an endpoint other than PUT/PATCH/DELETE that checks If-Match (e.g. a state-changing POST).</summary>
public sealed class HonoursIfMatchMetadata;

public static class HonoursIfMatchExtensions
{
    public static RouteHandlerBuilder HonoursIfMatch(this RouteHandlerBuilder builder) => builder.WithMetadata(new HonoursIfMatchMetadata());
}
