using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using NearshoreHub.Web.Tests.Api;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;
using static NearshoreHub.Web.Tests.Professionals.ProfessionalCsvFiles;

namespace NearshoreHub.Web.Tests.Professionals;

/// <summary>The app giving up on an upload after one quiet second.</summary>
public sealed class QuickIdleImportFactory : NearshoreApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Import:IdleTimeoutSeconds", "1");
    }
}

public sealed class StalledImportTests(QuickIdleImportFactory app) : IClassFixture<QuickIdleImportFactory>
{
    [Fact]
    public async Task An_upload_that_stops_sending_is_a_408_and_writes_nothing()
    {
        using var client = await app.RecruiterAsync();
        using var stop = new CancellationTokenSource();
        var head = Encoding.UTF8.GetBytes(File(Row("a@stalled.example"), Row("b@stalled.example")));
        using var content = new StalledContent(head, stop.Token);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        // Without the idle limit the import would wait for the rest of the body as long as the client likes.
        var response = await client.PostAsync("/api/v1/professionals/import?mode=partial", content).WaitAsync(TimeSpan.FromMinutes(1));
        await stop.CancelAsync();

        var problem = await ApiAssert.ProblemAsync(response, HttpStatusCode.RequestTimeout);
        Assert.Contains("nothing was written", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.CountAsync("professionals", "email LIKE '%@stalled.example'"));
    }

    /// <summary>Sends the start of a file, then nothing until the test is over.</summary>
    private sealed class StalledContent(byte[] head, CancellationToken stop) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(head);
            await stream.FlushAsync();
            await Task.Delay(Timeout.Infinite, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
