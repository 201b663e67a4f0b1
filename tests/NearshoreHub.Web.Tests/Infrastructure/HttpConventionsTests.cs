using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Api;

/// <summary>Body-level conventions of product.md §4 that hold on every creating endpoint.</summary>
public sealed class HttpConventionsTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Theory]
    [InlineData("/api/v1/professionals", "professionals")]
    [InlineData("/api/v1/projects", "projects")]
    [InlineData("/api/v1/companies", "companies")]
    public async Task Malformed_json_is_400_validation_problem_and_writes_nothing(string url, string table)
    {
        using var admin = await app.AdminAsync();
        var before = await app.CountAsync(table);

        foreach (var body in new[] { "{\"title\": ", "{not json}", "[1,2,3]", "\"just a string\"" })
        {
            var errors = await ApiAssert.ProblemAsync(await NearshoreApiFactory.SendRawAsync(admin, HttpMethod.Post, url, body), HttpStatusCode.BadRequest);
            Assert.True(errors.TryGetProperty("errors", out var fields) && fields.EnumerateObject().Any(), $"No errors object for {body}: {errors}");
        }

        Assert.Equal(before, await app.CountAsync(table));
    }

    [Theory]
    [InlineData("/api/v1/professionals")]
    [InlineData("/api/v1/projects")]
    [InlineData("/api/v1/companies")]
    [InlineData("/api/v1/users")]
    [InlineData("/api/v1/auth/login")]
    public async Task Missing_body_is_400_validation_problem(string url)
    {
        using var admin = await app.AdminAsync();

        var problem = await ApiAssert.ProblemAsync(await NearshoreApiFactory.SendRawAsync(admin, HttpMethod.Post, url, null), HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("errors", out var fields) && fields.EnumerateObject().Any(), problem.ToString());
        var empty = await ApiAssert.ProblemAsync(await NearshoreApiFactory.SendRawAsync(admin, HttpMethod.Post, url, ""), HttpStatusCode.BadRequest);
        Assert.True(empty.TryGetProperty("errors", out _), empty.ToString());
    }

    [Fact]
    public async Task Wrong_json_type_deep_in_the_body_is_keyed_by_its_path()
    {
        using var admin = await app.AdminAsync();
        var body = Samples.Professional();
        body["workingHours"] = new { start = 9, end = "18:00" };
        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/professionals", body), "workingHours.start");

        body = Samples.Professional();
        body["skills"] = new object[] { new { skill = "C#", level = 3, years = 1 }, new { skill = "Go", level = 3, years = "ten" } };
        await ApiAssert.ValidationProblemAsync(await admin.PostAsJsonAsync("/api/v1/professionals", body), "skills[1].years");
    }

    [Theory]
    [InlineData("/api/v1/professionals", "professionals")]
    [InlineData("/api/v1/projects", "projects")]
    public async Task Body_over_one_megabyte_is_413_problem_and_writes_nothing(string url, string table)
    {
        using var admin = await app.AdminAsync();
        var body = Samples.Professional();
        body["headline"] = new string('x', (1024 * 1024) + 10);
        var before = await app.CountAsync(table);

        var response = await admin.PostAsync(url, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(before, await app.CountAsync(table));
    }

    [Fact]
    public async Task Body_over_one_megabyte_without_content_length_is_413_problem()
    {
        using var admin = await app.AdminAsync();
        var body = Samples.Professional();
        body["headline"] = new string('x', (1024 * 1024) + 10);
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body))));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/professionals") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        await ApiAssert.ProblemAsync(await admin.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task Wrong_content_type_is_415_problem(string contentType)
    {
        using var admin = await app.AdminAsync();
        var json = JsonSerializer.Serialize(Samples.Professional());
        var before = await app.CountAsync("professionals");

        await ApiAssert.ProblemAsync(await NearshoreApiFactory.SendRawAsync(admin, HttpMethod.Post, "/api/v1/professionals", json, contentType), HttpStatusCode.UnsupportedMediaType);
        await ApiAssert.ProblemAsync(await NearshoreApiFactory.SendRawAsync(admin, HttpMethod.Post, "/api/v1/companies", """{"name":"X","timeZone":"UTC"}""", contentType), HttpStatusCode.UnsupportedMediaType);

        Assert.Equal(before, await app.CountAsync("professionals"));
    }

    [Fact]
    public async Task Idempotent_company_creation_replays_and_another_body_is_422()
    {
        using var admin = await app.AdminAsync();
        var key = Guid.NewGuid().ToString();
        var name = $"Idem {key}";

        var first = await ApiAssert.PostJsonAsync(admin, "/api/v1/companies", new { name, timeZone = "UTC" }, key);
        var second = await ApiAssert.PostJsonAsync(admin, "/api/v1/companies", new { name, timeZone = "UTC" }, key);
        var other = await ApiAssert.PostJsonAsync(admin, "/api/v1/companies", new { name = name + "!", timeZone = "UTC" }, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        await ApiAssert.ProblemAsync(other, (HttpStatusCode)422);
        Assert.Equal(1, await app.CountAsync("companies", $"name LIKE 'Idem {key}%'"));
    }

    [Fact]
    public async Task Unknown_api_route_is_404_problem()
    {
        using var admin = await app.AdminAsync();
        await ApiAssert.ProblemAsync(await admin.GetAsync("/api/v1/no-such-thing"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await admin.GetAsync("/api/v1/professionals/not-a-guid"), HttpStatusCode.NotFound);
    }
}

public sealed class OpenApiDocumentTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task The_document_lists_every_mapped_endpoint_with_problem_responses()
    {
        using var anonymous = app.Anonymous();
        var document = await ApiAssert.JsonAsync(await anonymous.GetAsync("/swagger/v1/swagger.json"), HttpStatusCode.OK);
        var paths = document.GetProperty("paths");

        var mapped = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api", StringComparison.Ordinal) || raw.StartsWith("/health", StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (Path: NormalizeRoute(e.RoutePattern.RawText!), Method: m.ToLowerInvariant(),
                    Protected: e.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is null
                        && e.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>().Count > 0)))
            .Distinct()
            .ToList();
        Assert.True(mapped.Count >= 26, $"Only {mapped.Count} endpoints found");

        var missing = mapped.Where(e => !paths.TryGetProperty(e.Path, out var item) || !item.TryGetProperty(e.Method, out _)).ToList();
        Assert.True(missing.Count == 0, "Not documented: " + string.Join(", ", missing.Select(m => $"{m.Method.ToUpperInvariant()} {m.Path}")));

        Assert.Contains(mapped, m => m.Path == "/api/v1/companies" && m.Protected);
        foreach (var (path, method, isProtected) in mapped.Where(m => m.Path.StartsWith("/api", StringComparison.Ordinal)))
        {
            var responses = paths.GetProperty(path).GetProperty(method).GetProperty("responses");
            Assert.True(responses.TryGetProperty("400", out var bad), $"{method} {path} has no 400");
            Assert.True(bad.GetProperty("content").TryGetProperty("application/problem+json", out _), $"{method} {path}: 400 is not problem+json");
            if (isProtected)
            {
                Assert.True(responses.TryGetProperty("401", out _), $"{method} {path} has no 401");
                Assert.True(paths.GetProperty(path).GetProperty(method).TryGetProperty("security", out _), $"{method} {path} has no security");
            }

            if (path.Contains('{', StringComparison.Ordinal))
            {
                Assert.True(responses.TryGetProperty("404", out _), $"{method} {path} has no 404");
            }
        }
    }

    [Fact]
    public async Task The_document_declares_bearer_and_api_key_schemes_and_projects_accept_both()
    {
        using var anonymous = app.Anonymous();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("http", schemes.GetProperty("Bearer").GetProperty("type").GetString());
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("apiKey", schemes.GetProperty("ApiKey").GetProperty("type").GetString());
        Assert.Equal("header", schemes.GetProperty("ApiKey").GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());

        var projectSecurity = document.GetProperty("paths").GetProperty("/api/v1/projects").GetProperty("post").GetProperty("security").ToString();
        Assert.Contains("Bearer", projectSecurity, StringComparison.Ordinal);
        Assert.Contains("ApiKey", projectSecurity, StringComparison.Ordinal);
        var professionalSecurity = document.GetProperty("paths").GetProperty("/api/v1/professionals").GetProperty("post").GetProperty("security").ToString();
        Assert.DoesNotContain("ApiKey", professionalSecurity, StringComparison.Ordinal);
    }

    /// <summary>"/api/v1/projects/{id:guid}" → "/api/v1/projects/{id}", and no trailing slash, as OpenAPI writes paths.</summary>
    private static string NormalizeRoute(string raw)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(raw, @"\{([^}:?=]+)[^}]*\}", "{$1}");
        path = path.Length > 1 ? path.TrimEnd('/') : path;
        return path.StartsWith('/') ? path : "/" + path;
    }
}
