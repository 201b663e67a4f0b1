using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using NearshoreHub.Web.Tests.Infrastructure;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>The staff upload page: a file goes to a background import whose status page shows progress, then the result.</summary>
public sealed partial class ImportPagesTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    private static MultipartFormDataContent Form(string? token, string mode, string file, string fileName = "people.csv")
    {
        var form = new MultipartFormDataContent();
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        form.Add(new StringContent(mode), "Mode");
        var content = new ByteArrayContent(new UTF8Encoding(false).GetBytes(file));
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(content, "File", fileName);
        return form;
    }

    private static async Task<HttpResponseMessage> UploadAsync(PageClient client, string mode, string file)
    {
        var token = PageClient.TokenIn(await client.GetHtmlAsync("/Import"));
        return await client.Http.PostAsync(new Uri("/Import", UriKind.Relative), Form(token, mode, file));
    }

    /// <summary>Follows the upload's redirect and reloads the status page, as its refresh would, until the import has ended.</summary>
    private static async Task<(string StatusUrl, string Html)> UploadAndWaitAsync(PageClient client, string mode, string file)
    {
        var response = await UploadAsync(client, mode, file);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"The upload answered {(int)response.StatusCode}: {answer[..Math.Min(answer.Length, 4000)]}");
        var statusUrl = response.Headers.Location!.PathAndQuery();
        Assert.StartsWith("/Import/Status/", statusUrl, StringComparison.Ordinal);
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var html = await client.GetHtmlAsync(statusUrl);
            if (!html.Contains("http-equiv=\"refresh\"", StringComparison.Ordinal))
            {
                return (statusUrl, html);
            }

            Assert.Contains("<progress", html, StringComparison.Ordinal);
            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("The import did not end.");
    }

    [Fact]
    public async Task Signed_out_visitor_is_sent_to_sign_in()
    {
        using var client = PageClient.Anonymous(app);

        var get = await client.GetAsync("/Import");
        var post = await client.Http.PostAsync(new Uri("/Import", UriKind.Relative), Form("x", "atomic", File(Row("anon@importpage.example"))));

        foreach (var response in new[] { get, post })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/Account/Login?ReturnUrl=%2FImport", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await app.CountAsync("professionals", "email LIKE '%@importpage.example'"));
    }

    [Fact]
    public async Task A_company_key_does_not_open_the_page()
    {
        var (_, key, _) = await app.CreateCompanyWithKeyAsync("Import Page Outsider");
        using var company = app.WithApiKey(key);

        var response = await company.GetAsync("/Import");

        Assert.True(response.StatusCode == HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/Account/AccessDenied", StringComparison.Ordinal)),
            $"A company got {(int)response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Upload_without_anti_forgery_token_is_rejected_and_writes_nothing()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);
        using var other = await PageClient.AdminAsync(app);
        var foreignToken = PageClient.TokenIn(await other.GetHtmlAsync("/Import"));
        await recruiter.GetHtmlAsync("/Import");

        var missing = await recruiter.Http.PostAsync(new Uri("/Import", UriKind.Relative), Form(null, "partial", File(Row("a@forged.example"))));
        var foreign = await recruiter.Http.PostAsync(new Uri("/Import", UriKind.Relative), Form(foreignToken, "partial", File(Row("b@forged.example"))));
        var urlEncoded = await recruiter.PostWithoutTokenAsync("/Import", new() { ["Mode"] = "partial" });

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, urlEncoded.StatusCode);
        Assert.Equal(0, await app.CountAsync("professionals", "email LIKE '%@forged.example'"));
    }

    [Fact]
    public async Task An_upload_with_a_stale_token_is_told_the_form_expired_not_that_the_page_does_not_exist()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);
        await recruiter.GetHtmlAsync("/Import");

        // The upload's body is read by hand, so the error page must not look for its code in that (consumed) form.
        var response = await recruiter.Http.PostAsync(new Uri("/Import", UriKind.Relative), Form("stale-token", "partial", File(Row("c@stale.example"))));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Error 400", html, StringComparison.Ordinal);
        Assert.Contains("it may have expired", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Page not found", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upload_cut_off_inside_the_file_part_is_a_400_and_writes_nothing()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);
        var token = PageClient.TokenIn(await recruiter.GetHtmlAsync("/Import"));
        // A complete request whose multipart body stops before the closing boundary.
        var body = new UTF8Encoding(false).GetBytes(
            "--cut\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n" + token + "\r\n"
            + "--cut\r\nContent-Disposition: form-data; name=\"Mode\"\r\n\r\npartial\r\n"
            + "--cut\r\nContent-Disposition: form-data; name=\"File\"; filename=\"cut.csv\"\r\nContent-Type: text/csv\r\n\r\n"
            + File(Row("a@cut-upload.example")));
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");

        var response = await recruiter.Http.PostAsync(new Uri("/Import", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.CountAsync("professionals", "email LIKE '%@cut-upload.example'"));
    }

    [Fact]
    public async Task Partial_upload_with_bad_rows_writes_the_good_ones_and_lists_the_rejected_rows()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);
        var file = File(
            Row("good1@partialpage.example"),
            Row("bad@partialpage.example").With("country", "ZZ"),
            Row("good2@partialpage.example"),
            Row("worse@partialpage.example").With("hourlyRateUsd", "cheap"));

        var (_, html) = await UploadAndWaitAsync(recruiter, "partial", file);

        Assert.Contains("2 inserted, 0 updated, 0 unchanged, 2 rejected.", html, StringComparison.Ordinal);
        var rows = RejectedRows().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Equal([("3", "country"), ("5", "hourlyRateUsd")], rows);
        Assert.Contains("&#x27;cheap&#x27; is not a decimal number", html, StringComparison.Ordinal);
        Assert.Equal(2, await app.CountAsync("professionals", "email LIKE '%@partialpage.example'"));
    }

    [Fact]
    public async Task Atomic_upload_with_a_bad_row_writes_nothing_and_lists_it()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);
        var file = File(Row("good@atomicpage.example"), Row("bad@atomicpage.example").With("englishLevel", "Z9"));

        var (_, html) = await UploadAndWaitAsync(recruiter, "atomic", file);

        Assert.Contains("Nothing was written", html, StringComparison.Ordinal);
        Assert.Equal([("3", "englishLevel")], RejectedRows().Matches(html).Select(m => (m.Groups[1].Value, m.Groups[2].Value)));
        Assert.Equal(0, await app.CountAsync("professionals", "email LIKE '%@atomicpage.example'"));
    }

    [Fact]
    public async Task Broken_file_says_why_and_writes_nothing()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);

        var (_, html) = await UploadAndWaitAsync(recruiter, "partial", "fullName,email,nonsense\r\nA,b@brokenpage.example,x\r\n");

        Assert.Contains("The file cannot be imported", html, StringComparison.Ordinal);
        Assert.Contains("Unknown column", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAsync("professionals", "email LIKE '%@brokenpage.example'"));
    }

    [Fact]
    public async Task A_file_larger_than_the_api_body_limit_is_streamed_and_imported()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);
        var rows = Enumerable.Range(0, 8000).Select(i => Row($"r{i}@largepage.example")).ToArray();
        var file = File(rows);
        Assert.True(Encoding.UTF8.GetByteCount(file) > 1024 * 1024);

        var (_, html) = await UploadAndWaitAsync(recruiter, "atomic", file);

        Assert.Contains("8,000 inserted", html, StringComparison.Ordinal);
        Assert.Equal(8000, await app.CountAsync("professionals", "email LIKE '%@largepage.example'"));
    }

    [Fact]
    public async Task Upload_without_a_file_shows_the_message_beside_the_field()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);

        var response = await UploadAsync(recruiter, "atomic", "");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a CSV file to import.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_uploader_sees_the_status_page_and_staff_see_the_nav_link()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);
        using var admin = await PageClient.AdminAsync(app);
        var (statusUrl, _) = await UploadAndWaitAsync(recruiter, "partial", File(Row("mine@ownerpage.example")));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(statusUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await recruiter.GetAsync("/Import/Status/0123456789abcdef0123456789abcdef")).StatusCode);
        Assert.Contains("href=\"/Import\"", await recruiter.GetHtmlAsync("/Projects"), StringComparison.Ordinal);
    }

    [GeneratedRegex("<tr><td>(\\d+)</td><td>([^<]+)</td><td>")]
    private static partial Regex RejectedRows();
}

/// <summary>The upload page under a small configured import limit (64 KB).</summary>
public sealed class ImportPageLimitTests(Professionals.ImportApiFactory app) : IClassFixture<Professionals.ImportApiFactory>
{
    [Fact]
    public async Task A_file_over_the_import_limit_is_refused_beside_the_field_and_writes_nothing()
    {
        using var recruiter = await PageClient.RecruiterAsync(app);
        var token = PageClient.TokenIn(await recruiter.GetHtmlAsync("/Import"));
        var rows = Enumerable.Range(0, Professionals.ImportApiFactory.MaxBytes / 150 + 10).Select(i => Row($"r{i}@toolargepage.example")).ToArray();
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent("partial"), "Mode" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(File(rows))), "File", "big.csv" },
        };

        var response = await recruiter.Http.PostAsync(new Uri("/Import", UriKind.Relative), form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The file is larger than 65,536 bytes", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAsync("professionals", "email LIKE '%@toolargepage.example'"));
    }
}
