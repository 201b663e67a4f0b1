using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>The app with one test-only page filter that throws when a request asks for it, to reach the 500 page.</summary>
public sealed class FailingPagesFactory : NearshoreApiFactory
{
    public const string FailHeader = "X-Test-Fail-Page";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.Configure<MvcOptions>(options => options.Filters.Add(new FailOnRequestFilter())));
    }

    private sealed class FailOnRequestFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next) =>
            context.HttpContext.Request.Headers.ContainsKey(FailHeader) && !context.HttpContext.Request.Path.StartsWithSegments("/Error")
                ? throw new InvalidOperationException("A page failed on purpose.")
                : next();
    }
}

/// <summary>Browsers get status pages inside the layout; the API keeps its problem details.</summary>
public sealed class ErrorPagesTests(FailingPagesFactory app) : IClassFixture<FailingPagesFactory>
{
    public static readonly TheoryData<string> UnknownStaffPages = new()
    {
        $"/Candidates/Details/{Guid.NewGuid()}", $"/Projects/Details/{Guid.NewGuid()}", $"/Projects/Edit/{Guid.NewGuid()}", "/no/such/page",
    };

    [Theory]
    [MemberData(nameof(UnknownStaffPages))]
    public async Task Unknown_ids_and_addresses_answer_404_with_a_page_inside_the_layout(string url)
    {
        using var recruiter = await PageClient.RecruiterAsync(app);

        var response = await recruiter.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>Page not found · NearshoreHub</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Page not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<nav class=\"site-nav\" aria-label=\"Main\">", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Candidates\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_report_is_a_404_page_for_an_admin()
    {
        using var admin = await PageClient.AdminAsync(app);

        var response = await admin.GetAsync($"/Admin/Reports/Details/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_keeps_problem_details_for_unknown_ids_and_routes()
    {
        using var admin = await app.AdminAsync();

        foreach (var url in new[] { $"/api/v1/projects/{Guid.NewGuid()}", "/api/v1/no-such-thing" })
        {
            var response = await admin.GetAsync(new Uri(url, UriKind.Relative));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task A_failing_page_answers_500_with_a_friendly_page_and_a_reference()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);
        recruiter.Http.DefaultRequestHeaders.Add(FailingPagesFactory.FailHeader, "1");

        var response = await recruiter.GetAsync("/Projects");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Something went wrong</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Reference: <code>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("A page failed on purpose", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_post_without_a_token_is_still_refused_and_explained_in_a_page()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);

        var response = await recruiter.PostWithoutTokenAsync("/Projects/Create", new() { ["Input.Title"] = "Forged" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<h1>The request could not be handled</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_out_visitor_of_an_unknown_address_gets_the_404_page_with_a_sign_in_link()
    {
        using var anonymous = PageClient.Anonymous(app);

        var response = await anonymous.GetAsync("/no/such/page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>Page not found</h1>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Account/Login\"", html, StringComparison.Ordinal);
    }
}
