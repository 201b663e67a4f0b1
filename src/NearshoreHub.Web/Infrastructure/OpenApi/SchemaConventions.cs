using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using NearshoreHub.Web.Features.Common;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace NearshoreHub.Web.Infrastructure.OpenApi;

/// <summary>
/// Short, stable schema names a generated client can use as class names: no namespaces, no "Dto" suffix,
/// <c>PagedList&lt;ProjectDto&gt;</c> is <c>ProjectPage</c>. Two types with one name fail document generation loudly.
/// </summary>
internal static class SchemaNames
{
    private static readonly Dictionary<Type, string> Fixed = new()
    {
        [typeof(ProblemDetails)] = "ProblemDetails",
        [typeof(HttpValidationProblemDetails)] = "ValidationProblemDetails",
        [typeof(Features.Professionals.WorkingHoursDto)] = "HoursWindow",
    };

    public static string For(Type type)
    {
        if (Fixed.TryGetValue(type, out var name))
        {
            return name;
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(PagedList<>))
        {
            return For(type.GetGenericArguments()[0]) + "Page";
        }

        name = type.Name;
        var tick = name.IndexOf('`', StringComparison.Ordinal);
        if (tick > 0)
        {
            name = name[..tick] + "Of" + string.Concat(type.GetGenericArguments().Select(For));
        }

        return name.EndsWith("Dto", StringComparison.Ordinal) && name.Length > 3 ? name[..^3] : name;
    }
}

/// <summary>
/// Every schema as the server really reads and writes it: enums as their JSON names (the serializer is asked, so
/// "B2" and "pendingReview" come out exactly as sent), the bounds and required fields the validators enforce on input
/// types, and on output types every property required (the API writes every property, null or not).
/// </summary>
internal sealed class SchemaConventionsFilter(ValidatorRules rules, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema concrete)
        {
            return;
        }

        var type = Nullable.GetUnderlyingType(context.Type) ?? context.Type;
        if (type.IsEnum && context.MemberInfo is null && context.ParameterInfo is null)
        {
            concrete.Type = JsonSchemaType.String | (concrete.Type & JsonSchemaType.Null);
            concrete.Format = null;
            concrete.Enum = Enum.GetValues(type).Cast<object>()
                .Select(v => JsonSerializer.SerializeToNode(v, type, json.Value.SerializerOptions)!)
                .ToList();
            return;
        }

        if (type.IsEnum || context.MemberInfo is not null || concrete.Properties is not { Count: > 0 } properties)
        {
            return;
        }

        if (rules.Validates(type))
        {
            foreach (var property in type.GetProperties(BindingFlags.Instance | BindingFlags.Public))
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                if (property.GetCustomAttribute<DocumentAsAttribute>() is { Type.IsEnum: true } documentAs && properties.ContainsKey(name))
                {
                    // Text read leniently, documented as the enum a client should send (its own named schema).
                    properties[name] = context.SchemaGenerator.GenerateSchema(documentAs.Type, context.SchemaRepository);
                }

                if (rules.For(type, property.Name) is { } bounds && properties.TryGetValue(name, out var propertySchema))
                {
                    Bounds.Apply(propertySchema, bounds);
                    if (bounds.Required)
                    {
                        concrete.Required ??= new HashSet<string>(StringComparer.Ordinal);
                        concrete.Required.Add(name);
                    }
                }
            }
        }
        else if (!typeof(ProblemDetails).IsAssignableFrom(type))
        {
            // Problem details leave out what is null; every other response object carries all its properties.
            concrete.Required = new HashSet<string>(properties.Keys, StringComparer.Ordinal);
        }
    }
}

internal static class Bounds
{
    public static void Apply(IOpenApiSchema target, PropertyBounds bounds)
    {
        // Nullable references are wrapped in allOf; their bounds belong to the referenced schema, not here.
        if (target is not OpenApiSchema schema)
        {
            return;
        }

        var type = schema.Type ?? 0;
        if (type.HasFlag(JsonSchemaType.String))
        {
            schema.MaxLength = bounds.MaxLength ?? schema.MaxLength;
            schema.MinLength = bounds.MinLength ?? (bounds.NotEmpty ? 1 : schema.MinLength);
            schema.Pattern = bounds.Pattern ?? schema.Pattern;
        }
        else if (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number))
        {
            if (bounds.Minimum is { } min)
            {
                var text = min.ToString(CultureInfo.InvariantCulture);
                (schema.Minimum, schema.ExclusiveMinimum) = bounds.ExclusiveMinimum ? ((string?)null, (string?)text) : (text, null);
            }

            if (bounds.Maximum is { } max)
            {
                var text = max.ToString(CultureInfo.InvariantCulture);
                (schema.Maximum, schema.ExclusiveMaximum) = bounds.ExclusiveMaximum ? ((string?)null, (string?)text) : (text, null);
            }
        }
        else if (type.HasFlag(JsonSchemaType.Array))
        {
            schema.MinItems = bounds.MinItems ?? (bounds.NotEmpty ? 1 : schema.MinItems);
            schema.MaxItems = bounds.MaxItems ?? schema.MaxItems;
            if (bounds.Each is { } each && schema.Items is not null)
            {
                Apply(schema.Items, each);
            }
        }
    }

    public static JsonNode? Node(string? value) => value is null ? null : JsonValue.Create(value);
}
