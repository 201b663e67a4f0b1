using System.Net;
using NearshoreHub.Web.Tests.Browser;

namespace NearshoreHub.Web.Tests.Api;

/// <summary>Over real Kestrel, whose own request-line limit answers before any middleware runs.</summary>
public sealed class RequestTargetLimitTests(KestrelAppFactory app) : IClassFixture<KestrelAppFactory>
{
    [Theory]
    [InlineData(10_000)]
    [InlineData(60_000)]
    public async Task A_url_over_8_kb_is_a_414_problem(int length)
    {
        using var recruiter = await app.RecruiterAsync();

        using var response = await recruiter.GetAsync("/api/v1/professionals?q=" + new string('a', length));

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestUriTooLong);
        Assert.Contains("at most 8192", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_just_under_the_limit_reaches_the_endpoint()
    {
        using var recruiter = await app.RecruiterAsync();

        using var response = await recruiter.GetAsync("/api/v1/professionals?q=" + new string('a', 8_000));

        // The endpoint's own rule (q has at most 200 characters) answers, not the URL limit.
        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("q", out _), problem.ToString());
    }
}
