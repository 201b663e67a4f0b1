using System.Globalization;
using System.Text.Json.Nodes;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Contract.Tests;

/// <summary>
/// Rules every /api operation must follow, so endpoints added later are described as truthfully as the rest. What
/// the global filters cannot know, the endpoint's author must give:
/// - every error status answers problem details (application/problem+json), and 400, 429 and 500 are declared;
///   401/403 where credentials are needed, 404 where the path has an id;
/// - every parameter and request-body field is bounded by what the server enforces: strings by maxLength (or an
///   enum, a uuid/date format, a pattern), integers and numbers by minimum and maximum, arrays by maxItems. The
///   document-wide fallbacks (DocumentDefaults: 1 MiB strings, the int32 range, 10,000 items) do not count: state
///   the bound in the validator (MaximumLength, InclusiveBetween, ItemCount) or, for a parameter parsed by hand,
///   with [DocumentAs(...)];
/// - every JSON or CSV request body has an example (Infrastructure/OpenApi/examples.json, by operation id).
/// </summary>
public sealed class OpenApiRulesTests(ContractFactory app) : IClassFixture<ContractFactory>
{
    [Fact]
    public async Task Every_api_operation_declares_problems_bounds_and_examples()
    {
        var document = JsonNode.Parse(await app.DocumentAsync())!;
        var schemas = document["components"]!["schemas"]!.AsObject();
        var failures = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/api/", StringComparison.Ordinal)))
        {
            foreach (var (method, operationNode) in item!.AsObject())
            {
                var operation = operationNode!.AsObject();
                var where = $"{method.ToUpperInvariant()} {path}";
                var responses = operation["responses"]!.AsObject();
                var isProtected = operation["security"]?.AsArray().Any(r => r!.AsObject().Count > 0) == true;
                string[] expected = ["400", "429", "500", .. isProtected ? ["401", "403"] : Array.Empty<string>(), .. path.Contains('{', StringComparison.Ordinal) ? ["404"] : Array.Empty<string>()];
                failures.AddRange(expected.Where(s => !responses.ContainsKey(s)).Select(s => $"{where}: no {s} response"));
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    if (response?["content"]?["application/problem+json"]?["schema"] is null)
                    {
                        failures.Add($"{where}: {status} has no application/problem+json body");
                    }
                }

                foreach (var parameter in operation["parameters"]?.AsArray() ?? [])
                {
                    CheckBounds(parameter!["schema"], schemas, $"{where}: parameter {parameter["name"]}", failures, []);
                }

                foreach (var (mediaType, media) in operation["requestBody"]?["content"]?.AsObject() ?? [])
                {
                    if (media?["example"] is null && media?["examples"] is null)
                    {
                        failures.Add($"{where}: {mediaType} request body has no example (add one to Infrastructure/OpenApi/examples.json)");
                    }

                    // A JSON body's fields; a text/csv upload is bounded by Import:MaxBytes, not by a schema.
                    if (mediaType.EndsWith("json", StringComparison.Ordinal))
                    {
                        CheckBounds(media?["schema"], schemas, $"{where}: body", failures, []);
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, "Endpoints that break the API's documentation rules:\n" + string.Join('\n', failures.Distinct()));
    }

    [Fact]
    public void The_rules_can_fail()
    {
        var schemas = new JsonObject();
        var failures = new List<string>();
        CheckBounds(JsonNode.Parse($$"""{"type":"string","maxLength":{{DocumentDefaults.MaxStringLength}}}"""), schemas, "q", failures, []);
        CheckBounds(JsonNode.Parse("""{"type":"integer","format":"int32","minimum":-2147483648,"maximum":2147483647}"""), schemas, "n", failures, []);
        CheckBounds(JsonNode.Parse("""{"type":"number"}"""), schemas, "x", failures, []);
        CheckBounds(JsonNode.Parse($$$"""{"type":"array","maxItems":{{{DocumentDefaults.MaxItems}}},"items":{"type":"string","enum":["a"]}}"""), schemas, "list", failures, []);
        Assert.Equal(4, failures.Count);
    }

    private static void CheckBounds(JsonNode? schema, JsonObject schemas, string where, List<string> failures, HashSet<string> seen)
    {
        if (schema is null)
        {
            return;
        }

        if (schema["$ref"]?.GetValue<string>() is { } reference)
        {
            var name = reference.Split('/')[^1];
            if (seen.Add(name))
            {
                CheckBounds(schemas[name], schemas, where, failures, seen);
            }

            return;
        }

        foreach (var part in (schema["allOf"]?.AsArray() ?? []).Concat(schema["oneOf"]?.AsArray() ?? []).Concat(schema["anyOf"]?.AsArray() ?? []))
        {
            CheckBounds(part, schemas, where, failures, seen);
        }

        var type = schema["type"]?.GetValue<string>();
        var hasOwnShape = schema["allOf"] is not null || schema["oneOf"] is not null;
        switch (type)
        {
            case "string" when !hasOwnShape && schema["enum"] is null && schema["pattern"] is null
                && schema["format"]?.GetValue<string>() is not ("uuid" or "date" or "date-time")
                && (schema["maxLength"] is null || Number(schema["maxLength"]) >= DocumentDefaults.MaxStringLength):
                failures.Add($"{where}: string without a maxLength the server enforces");
                break;
            case "integer" or "number" when schema["minimum"] is null && schema["exclusiveMinimum"] is null
                || schema["maximum"] is null && schema["exclusiveMaximum"] is null
                || Number(schema["minimum"]) == int.MinValue || Number(schema["maximum"]) == int.MaxValue
                || Number(schema["minimum"]) == long.MinValue || Number(schema["maximum"]) == long.MaxValue:
                failures.Add($"{where}: {type} without the minimum and maximum the server enforces");
                break;
            case "array":
                if (schema["maxItems"] is null || Number(schema["maxItems"]) == DocumentDefaults.MaxItems)
                {
                    failures.Add($"{where}: array without the maxItems the server enforces");
                }

                CheckBounds(schema["items"], schemas, where + "[]", failures, seen);
                break;
        }

        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            CheckBounds(property, schemas, $"{where}.{name}", failures, seen);
        }
    }

    private static decimal Number(JsonNode? node) =>
        node is null ? 0 : decimal.Parse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
