using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// The server accepts what it sends: an enum query parameter (<c>?status=open</c>, <c>?category=database</c>) may be
/// given as its JSON name or its C# name in any case. Minimal APIs bind enums with a case-sensitive Enum.TryParse, so
/// before the endpoint runs the value is rewritten to the declared name; anything else is left for binding to refuse.
/// Works for every endpoint whose [AsParameters] type has an enum property, with no per-endpoint code.
/// </summary>
internal sealed class EnumQueryNamesMiddleware(RequestDelegate next, IOptions<JsonOptions> json)
{
    private static readonly Dictionary<MethodInfo, Dictionary<string, Type>> EnumParameters = [];
    private static readonly Lock Gate = new();

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.QueryString.HasValue && context.GetEndpoint()?.Metadata.GetMetadata<MethodInfo>() is { } handler)
        {
            var enums = For(handler);
            if (enums.Count > 0)
            {
                Rewrite(context.Request, enums);
            }
        }

        return next(context);
    }

    private void Rewrite(HttpRequest request, Dictionary<string, Type> enums)
    {
        Dictionary<string, StringValues>? rewritten = null;
        foreach (var (key, values) in request.Query)
        {
            if (!enums.TryGetValue(key, out var type))
            {
                continue;
            }

            var names = values.Select(v => DeclaredName(type, v) ?? v).ToArray();
            if (!names.SequenceEqual(values.ToArray()))
            {
                rewritten ??= request.Query.ToDictionary(q => q.Key, q => q.Value, StringComparer.OrdinalIgnoreCase);
                rewritten[key] = new StringValues(names);
            }
        }

        if (rewritten is not null)
        {
            request.Query = new QueryCollection(rewritten);
        }
    }

    private string? DeclaredName(Type type, string? value)
    {
        if (value is null)
        {
            return null;
        }

        foreach (var candidate in Enum.GetValues(type))
        {
            var jsonName = JsonSerializer.Serialize(candidate, type, json.Value.SerializerOptions).Trim('"');
            if (string.Equals(value, jsonName, StringComparison.OrdinalIgnoreCase) || string.Equals(value, Enum.GetName(type, candidate), StringComparison.OrdinalIgnoreCase))
            {
                return Enum.GetName(type, candidate);
            }
        }

        return null;
    }

    private static Dictionary<string, Type> For(MethodInfo handler)
    {
        lock (Gate)
        {
            if (!EnumParameters.TryGetValue(handler, out var enums))
            {
                enums = new Dictionary<string, Type>(StringComparer.OrdinalIgnoreCase);
                foreach (var parameter in handler.GetParameters())
                {
                    var properties = parameter.GetCustomAttribute<AsParametersAttribute>() is not null
                        ? parameter.ParameterType.GetProperties().Select(p => (p.Name, p.PropertyType))
                        : [(parameter.Name ?? "", parameter.ParameterType)];
                    foreach (var (name, type) in properties)
                    {
                        if ((Nullable.GetUnderlyingType(type) ?? type) is { IsEnum: true } enumType)
                        {
                            enums[name] = enumType;
                        }
                    }
                }

                EnumParameters[handler] = enums;
            }

            return enums;
        }
    }
}
