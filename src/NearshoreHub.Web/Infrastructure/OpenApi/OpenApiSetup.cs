using Microsoft.OpenApi;
using NearshoreHub.Web.Infrastructure.Auth;
using NearshoreHub.Web.Infrastructure.OpenApi;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json. Its rules are global (filters in Infrastructure/OpenApi) so an
/// endpoint added later is described the same way without per-endpoint work: enums, parameter names, bounds from the
/// validators, problem responses, headers. OpenApiRulesTests (tests/NearshoreHub.Contract.Tests) fails when an
/// endpoint still lacks something only its author can give (a bound a validator does not state, an example body).
/// </summary>
public static class OpenApiSetup
{
    public static IServiceCollection AddNearshoreOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSingleton<ValidatorRules>();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "NearshoreHub API",
                Version = "v1",
                Description = "Remote professionals, US client projects and DST-exact matching. JSON in camelCase; dates YYYY-MM-DD, " +
                    "times HH:mm, instants ISO-8601 UTC. Errors are RFC 9457 problem details (application/problem+json). Lists are " +
                    "paged with offset and limit (at most 200) and answer {items, total}. Creating POSTs accept Idempotency-Key; " +
                    "updates carry an ETag and honour If-Match. Every answer from /api states its rate-limit budget in the IETF " +
                    "RateLimit-Policy and RateLimit headers; a 429 carries Retry-After.",
                Contact = new OpenApiContact { Name = "NearshoreHub API team", Email = "api@nearshorehub.example", Url = new Uri("https://nearshorehub.example/support") },
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
            options.AddServer(new OpenApiServer
            {
                Url = "{scheme}://{host}",
                Description = "A NearshoreHub deployment: production, staging or local (http://localhost:5080 in development).",
                Variables = new Dictionary<string, OpenApiServerVariable>
                {
                    ["scheme"] = new() { Default = "https", Enum = ["https", "http"], Description = "https except on a local machine." },
                    ["host"] = new() { Default = "localhost:5080", Description = "Host and port of the deployment." },
                },
                Extensions = new Dictionary<string, IOpenApiExtension> { ["x-internal"] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(false)) },
            });
            options.SupportNonNullableReferenceTypes();
            options.UseAllOfToExtendReferenceSchemas();
            options.CustomSchemaIds(SchemaNames.For);
            options.MapType<TimeOnly>(() => new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^([01][0-9]|2[0-3]):[0-5][0-9]$", MaxLength = 5 });
            options.MapType<DateOnly>(() => new OpenApiSchema { Type = JsonSchemaType.String, Format = "date", MaxLength = 10 });
            options.SchemaFilter<SchemaConventionsFilter>();
            options.OperationFilter<ParameterConventionsFilter>();
            options.OperationFilter<ResponseConventionsFilter>();
            options.DocumentFilter<HealthPathsFilter>();
            options.DocumentFilter<TagDescriptionsFilter>();
            options.DocumentFilter<DocumentConventionsFilter>();
        });
        return services;
    }
}
