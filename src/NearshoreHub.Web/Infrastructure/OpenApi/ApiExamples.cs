using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace NearshoreHub.Web.Infrastructure.OpenApi;

/// <summary>
/// Example request bodies, by operation id, from examples.json beside this file (the README's walk-through). A new
/// endpoint that takes a body adds its example there; OpenApiRulesTests fails until it does.
/// </summary>
internal static class ApiExamples
{
    private static readonly Lazy<JsonObject> All = new(() =>
    {
        using var stream = typeof(ApiExamples).Assembly.GetManifestResourceStream("NearshoreHub.Web.OpenApi.examples.json")
            ?? throw new InvalidOperationException("The embedded OpenAPI examples are missing.");
        return JsonNode.Parse(stream)!.AsObject();
    });

    public static void Apply(OpenApiOperation operation)
    {
        if (operation.OperationId is not { } id || !All.Value.TryGetPropertyValue(id, out var example) || example is null)
        {
            return;
        }

        foreach (var media in operation.RequestBody?.Content?.Values.OfType<OpenApiMediaType>() ?? [])
        {
            media.Example = example.DeepClone();
        }
    }
}
