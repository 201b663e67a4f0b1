using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Pages.Import;

namespace NearshoreHub.Web.Tests.Pages;

/// <summary>
/// The upload page's request-body limit follows Import:MaxBytes as the API's does. Uploading more than the 1 GiB
/// default to show it end to end is too heavy for a test, so this looks at the limit the page sets for the request.
/// </summary>
public sealed class ImportPageBodyLimitTests
{
    private sealed class BodySize : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;
        public long? MaxRequestBodySize { get; set; } = 30_000_000;
    }

    [Theory]
    [InlineData(3L * 1024 * 1024 * 1024)]
    [InlineData(10L * 1024 * 1024)]
    public async Task The_upload_may_be_as_large_as_the_configured_import_limit_plus_the_form(long maxBytes)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Import:MaxBytes"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Build();
        var http = new DefaultHttpContext();
        var size = new BodySize();
        http.Features.Set<IHttpMaxRequestBodySizeFeature>(size);
        http.Request.Method = "POST";
        http.Request.ContentType = "multipart/form-data; boundary=b";
        // No token: the page refuses it once the form is read, and never needs the job runner or the anti-forgery service.
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("--b\r\nContent-Disposition: form-data; name=\"Mode\"\r\n\r\natomic\r\n--b--\r\n"));
        var page = new IndexModel(null!, null!, Options.Create(new AntiforgeryOptions()), configuration)
        {
            PageContext = new PageContext { HttpContext = http },
        };

        var result = await page.OnPostAsync();

        Assert.IsType<BadRequestResult>(result);
        Assert.Equal(maxBytes + (64 * 1024), size.MaxRequestBodySize);
    }
}
