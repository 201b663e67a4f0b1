using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NearshoreHub.Web.Infrastructure.OpenApi;

/// <summary>
/// What holds for the whole document: the reusable response headers, the bounds every value has even where no
/// validator states one (a string the server stores came in a body of at most 1 MiB; an int32 is an int32), and the
/// examples of request bodies (<see cref="ApiExamples"/>).
/// </summary>
internal sealed class DocumentConventionsFilter : IDocumentFilter
{
    public void Apply(OpenApiDocument document, DocumentFilterContext context)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (name, header) in RateLimitHeaders.Declarations())
        {
            document.Components.Headers[name] = header;
        }

        var visited = new HashSet<IOpenApiSchema>(ReferenceEqualityComparer.Instance);
        foreach (var schema in document.Components.Schemas?.Values ?? [])
        {
            Bound(schema, visited, document.Components.Schemas);
        }

        foreach (var operation in document.Paths.Values.SelectMany(p => p.Operations?.Values.AsEnumerable() ?? []))
        {
            foreach (var parameter in operation.Parameters ?? [])
            {
                Bound(parameter.Schema, visited, document.Components.Schemas);
            }

            foreach (var media in (operation.RequestBody?.Content?.Values ?? []).Concat(operation.Responses?.Values.SelectMany(r => r.Content?.Values ?? []) ?? []))
            {
                Bound(media.Schema, visited, document.Components.Schemas);
            }

            ApiExamples.Apply(operation);
        }
    }

    private static void Bound(IOpenApiSchema? target, HashSet<IOpenApiSchema> visited, IDictionary<string, IOpenApiSchema>? components)
    {
        if (target is not OpenApiSchema schema || !visited.Add(schema))
        {
            return;
        }

        // A nullable reference comes as { nullable, allOf: [$ref] }. OpenAPI 3.0.3 ignores nullable without a type beside
        // it, so the type is stated; and it becomes { type, nullable, oneOf: [$ref] }, the one form that NSwag, Kiota and
        // openapi-typescript all read as "the referenced type, or null" (given a type beside allOf, NSwag and Kiota read a
        // nullable enum as a plain string and a nullable object as a new, empty class).
        if (schema.AllOf is [OpenApiSchemaReference reference] && schema.Type is { } own && own.HasFlag(JsonSchemaType.Null)
            && reference.Reference.Id is { } id && components?.TryGetValue(id, out var referencedSchema) == true && referencedSchema.Type is { } referenced)
        {
            schema.Type = referenced | JsonSchemaType.Null;
            schema.OneOf = schema.AllOf;
            schema.AllOf = null;
            // OWASP's string-limit rule wants a bound on the string beside the enum: its longest value.
            schema.MaxLength = referencedSchema.Enum is { Count: > 0 } values ? values.Max(v => v is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text.Length : 0) : null;
        }

        var type = schema.Type ?? 0;
        var composed = schema.OneOf is { Count: > 0 } || schema.AllOf is { Count: > 0 };
        if (type.HasFlag(JsonSchemaType.String) && !composed && schema.MaxLength is null && schema.Enum is not { Count: > 0 } && schema.Const is null)
        {
            schema.MaxLength = schema.Format switch
            {
                "uuid" => 36,
                "date" => 10,
                "date-time" => 35,
                _ => DocumentDefaults.MaxStringLength,
            };
        }
        else if (type.HasFlag(JsonSchemaType.Integer))
        {
            var wide = schema.Format == "int64";
            schema.Minimum ??= wide ? long.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : int.MinValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
            schema.Maximum ??= wide ? long.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture) : int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        else if (type.HasFlag(JsonSchemaType.Array))
        {
            schema.MaxItems ??= DocumentDefaults.MaxItems;
        }

        Bound(schema.Items, visited, components);
        Bound(schema.AdditionalProperties, visited, components);
        foreach (var child in (schema.Properties?.Values ?? []).Concat(schema.AllOf ?? []).Concat(schema.OneOf ?? []).Concat(schema.AnyOf ?? []))
        {
            Bound(child, visited, components);
        }
    }
}

/// <summary>
/// The bounds a value has when nothing more specific is known. Input (request bodies, parameters) must do better:
/// OpenApiRulesTests fails on any input field that still carries one of these.
/// </summary>
public static class DocumentDefaults
{
    /// <summary>No stored string can be longer than the request body that brought it (1 MiB).</summary>
    public const int MaxStringLength = (int)RequestBodyLimitMiddleware.MaxBytes;

    /// <summary>The longest list any answer carries: an import's listed rejections.</summary>
    public const int MaxItems = Features.Professionals.ProfessionalImport.MaxListedRejections;

}
