using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace NearshoreHub.Web.Tests.Features.Webhooks;

/// <summary>One request as the receiver saw it, with the verdict of the receiver's own signature check.</summary>
public sealed record ReceivedWebhook(string Path, string Id, long Timestamp, string Signature, string Body, bool SignatureValid, DateTimeOffset At)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement;
}

/// <summary>
/// A real HTTP server on loopback that receives webhooks and checks their Standard Webhooks signatures with its own
/// HMAC code (not the app's). <see cref="Respond"/> decides each answer; it sees how often that webhook-id came before.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _inFlight = new();
    private readonly ConcurrentDictionary<string, int> _seen = new();

    private WebhookReceiver(WebApplication app) => _app = app;

    public string Origin { get; private set; } = "";
    public ConcurrentQueue<ReceivedWebhook> Received { get; } = new();
    /// <summary>Secrets by path, so each endpoint's signatures are checked with its own secret.</summary>
    public ConcurrentDictionary<string, string> Secrets { get; } = new();
    /// <summary>(path, attempt of this webhook-id starting at 1, context) → status to answer; 200 by default.</summary>
    public Func<string, int, HttpContext, Task<int>> Respond { get; set; } = (_, _, _) => Task.FromResult(200);
    /// <summary>Set when two attempts of one webhook-id were ever inside the receiver at once.</summary>
    public bool SawConcurrentAttempts { get; private set; }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.Run(receiver.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Origin = new Uri(address).GetLeftPart(UriPartial.Authority);
        return receiver;
    }

    public List<ReceivedWebhook> For(string path) => Received.Where(r => r.Path == path).ToList();

    public async Task<List<ReceivedWebhook>> WaitForAsync(string path, int count, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (DateTime.UtcNow < deadline && For(path).Count < count)
        {
            await Task.Delay(50);
        }

        var got = For(path);
        Assert.True(got.Count >= count, $"Expected {count} webhook(s) at {path}, got {got.Count}.");
        return got;
    }

    public async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var id = context.Request.Headers["webhook-id"].ToString();
        var timestampText = context.Request.Headers["webhook-timestamp"].ToString();
        var signature = context.Request.Headers["webhook-signature"].ToString();
        var path = context.Request.Path.Value ?? "";
        long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp);
        var valid = Secrets.TryGetValue(path, out var secret) && Verify(secret, id, timestampText, body, signature);
        Received.Enqueue(new ReceivedWebhook(path, id, timestamp, signature, body, valid, DateTimeOffset.UtcNow));

        if (_inFlight.AddOrUpdate(id, 1, (_, n) => n + 1) > 1)
        {
            SawConcurrentAttempts = true;
        }

        try
        {
            var attempt = _seen.AddOrUpdate(id, 1, (_, n) => n + 1);
            context.Response.StatusCode = await Respond(path, attempt, context);
        }
        finally
        {
            _inFlight.AddOrUpdate(id, 0, (_, n) => n - 1);
        }
    }

    /// <summary>The Standard Webhooks check, written from the specification: HMAC-SHA256 over "id.timestamp.body".</summary>
    public static bool Verify(string secret, string id, string timestamp, string body, string signatureHeader)
    {
        var key = Convert.FromBase64String(secret.Split('_', 2)[1]);
        using var hmac = new HMACSHA256(key);
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes($"{id}.{timestamp}.{body}")));
        return signatureHeader.Split(' ').Any(s => s.StartsWith("v1,", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s[3..]), Encoding.ASCII.GetBytes(expected)));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
