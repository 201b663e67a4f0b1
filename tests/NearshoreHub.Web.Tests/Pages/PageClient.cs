using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using NearshoreHub.Web.Tests.Infrastructure;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>A browser-like client for the Razor Pages: keeps cookies, does not follow redirects, and posts forms with their anti-forgery token.</summary>
public sealed partial class PageClient(HttpClient http) : IDisposable
{
    public HttpClient Http => http;

    public static PageClient Anonymous(NearshoreApiFactory app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public static async Task<PageClient> SignedInAsync(NearshoreApiFactory app, string email, string password)
    {
        var client = Anonymous(app);
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in as {email} failed: {(int)response.StatusCode}");
        return client;
    }

    public static Task<PageClient> AdminAsync(NearshoreApiFactory app) => SignedInAsync(app, NearshoreApiFactory.AdminEmail, NearshoreApiFactory.AdminPassword);

    public static Task<PageClient> RecruiterAsync(NearshoreApiFactory app) => SignedInAsync(app, NearshoreApiFactory.RecruiterEmail, NearshoreApiFactory.RecruiterPassword);

    public Task<HttpResponseMessage> GetAsync(string url) => http.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<string> GetHtmlAsync(string url)
    {
        var response = await GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 3000)]}");
        return body;
    }

    /// <summary>GETs the form's page for a fresh anti-forgery token, then posts the fields with it, as a browser would.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string url, Dictionary<string, string> fields, string? pageUrl = null)
    {
        var html = await GetHtmlAsync(pageUrl ?? StripHandler(url));
        var withToken = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = TokenIn(html) };
        return await PostWithoutTokenAsync(url, withToken);
    }

    /// <summary>Posts the form and follows its redirect, as a browser would (which also shows, and so clears, the flash message).</summary>
    public async Task<string> SubmitAsync(string url, Dictionary<string, string> fields)
    {
        var response = await PostFormAsync(url, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"POST {url} answered {(int)response.StatusCode}");
        return await GetHtmlAsync(response.Headers.Location!.ToString());
    }

    public Task<HttpResponseMessage> PostWithoutTokenAsync(string url, Dictionary<string, string> fields) =>
        http.PostAsync(new Uri(url, UriKind.Relative), new FormUrlEncodedContent(fields));

    public static string TokenIn(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "The page has no anti-forgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => http.Dispose();

    private static string StripHandler(string url)
    {
        var handler = url.IndexOf("?handler=", StringComparison.Ordinal);
        return handler < 0 ? url : url[..handler];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public static class FormFields
{
    /// <summary>A browser posts every row of a fixed-row form, empty or not; list binding needs the indices without gaps.</summary>
    public static Dictionary<string, string> WithEmptyRows(this Dictionary<string, string> fields, string list, int rows, string field)
    {
        for (var i = 0; i < rows; i++)
        {
            fields.TryAdd($"{list}[{i}].{field}", "");
        }

        return fields;
    }
}
