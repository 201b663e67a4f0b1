using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// The IETF RateLimit headers (draft-ietf-httpapi-ratelimit-headers): <c>RateLimit-Policy: "caller";q=600;w=60</c>
/// names each budget a request counts against (quota per window of seconds), <c>RateLimit: "caller";r=599;t=42</c>
/// says what is left of it and in how many seconds the window resets. Policies: "caller" (per API key or signed-in
/// user), "anonymous" (per client IP), "sign-in" (sign-in attempts per client IP).
/// </summary>
public static class RateLimitHeaders
{
    public const string Policy = "RateLimit-Policy";
    public const string State = "RateLimit";

    internal readonly record struct Usage(string PartitionKey, int Quota, long Used, TimeSpan WindowLeft);

    internal static string PolicyName(string partitionKey) => partitionKey.Split(':', 2)[0] switch
    {
        "signin" => "sign-in",
        "ip" => "anonymous",
        _ => "caller",
    };

    internal static void Write(HttpContext context, IEnumerable<Usage> usages, TimeSpan window)
    {
        var list = usages.ToList();
        if (list.Count == 0 || context.Response.HasStarted)
        {
            return;
        }

        var w = (int)window.TotalSeconds;
        context.Response.Headers[Policy] = string.Join(", ", list.Select(u =>
            string.Create(CultureInfo.InvariantCulture, $"\"{PolicyName(u.PartitionKey)}\";q={u.Quota};w={w}")));
        var counted = list.Where(u => u.Used >= 0).ToList();
        if (counted.Count > 0)
        {
            context.Response.Headers[State] = string.Join(", ", counted.Select(u =>
                string.Create(CultureInfo.InvariantCulture,
                    $"\"{PolicyName(u.PartitionKey)}\";r={Math.Max(0, u.Quota - u.Used)};t={Math.Max(0, (int)Math.Ceiling(u.WindowLeft.TotalSeconds))}")));
        }
    }

    /// <summary>The response headers the API declares once in components/headers and references from each response.</summary>
    internal static IEnumerable<(string Name, OpenApiHeader Header)> Declarations()
    {
        OpenApiHeader Text(string description, int maxLength, string example) => new()
        {
            Description = description,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = maxLength },
            Example = JsonValue.Create(example),
        };

        yield return (Policy, Text("The rate-limit budgets this request counts against: quota q per window w seconds (draft-ietf-httpapi-ratelimit-headers).", 200, "\"caller\";q=600;w=60"));
        yield return (State, Text("What is left of each budget: r requests remain, the window resets in t seconds. Absent while the shared counter is unavailable.", 200, "\"caller\";r=599;t=42"));
        yield return ("Retry-After", new OpenApiHeader
        {
            Description = "Seconds to wait before retrying.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Minimum = "1", Maximum = ((int)RateLimiting.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture) },
            Example = JsonValue.Create(42),
        });
        yield return ("Location", new OpenApiHeader
        {
            Description = "The path of the created resource.",
            Required = true,
            Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference", MaxLength = 2048 },
            Example = JsonValue.Create("/api/v1/projects/0b9a3f52-6d1c-4a52-9a55-3c1f4a2e8b10"),
        });
        yield return ("Access-Control-Allow-Origin", Text("Sent to cross-origin (CORS) requests: any origin may call the API, without credentials.", 1, "*"));
        yield return ("ETag", Text("The version of the resource; send it back in If-Match to update only that version.", 200, "\"1234\""));
    }
}
