using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace NearshoreHub.Web.Features.Webhooks;

public enum AttemptOutcome { Succeeded, FailedStatus, Gone, Timeout, NetworkError, Blocked }

public sealed record AttemptResult(AttemptOutcome Outcome, int? StatusCode, string? Error, int DurationMs);

/// <summary>
/// Sends one signed attempt. Its own connection pool: no proxy, no redirects, no cookies, and a connect step that
/// resolves the name itself and refuses inside addresses, so the address checked is the address connected to (a DNS
/// answer that changes between check and connect cannot slip through). Responses are read only up to a cap.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly WebhookTargetGuard _guard;
    private readonly WebhookOptions _options;
    private readonly HttpClient _client;

    public WebhookSender(WebhookTargetGuard guard, IOptions<WebhookOptions> options)
    {
        _guard = guard;
        _options = options.Value;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            MaxConnectionsPerServer = Math.Max(4, _options.Concurrency),
            MaxResponseHeadersLength = 64,
            MaxResponseDrainSize = _options.MaxResponseBytes,
            ResponseDrainTimeout = TimeSpan.FromSeconds(1),
            ConnectCallback = ConnectAsync,
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<AttemptResult> SendAsync(string url, string secret, Guid eventId, string payload, CancellationToken stopping)
    {
        var started = Stopwatch.GetTimestamp();
        int Elapsed() => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var uri = new Uri(url);
        if (!_guard.AllowsScheme(uri))
        {
            return new AttemptResult(AttemptOutcome.Blocked, null, "Blocked: only https is allowed.", 0);
        }

        var id = eventId.ToString();
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = Encoding.UTF8.GetBytes(payload);
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("webhook-id", id);
        request.Headers.TryAddWithoutValidation("webhook-timestamp", timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation("webhook-signature", WebhookSignature.Sign(secret, id, timestamp, body));
        request.Headers.UserAgent.ParseAdd("NearshoreHub-Webhooks/1.0");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            await DrainAsync(response, timeout.Token);
            var status = (int)response.StatusCode;
            var outcome = status is >= 200 and < 300 ? AttemptOutcome.Succeeded
                : status == StatusCodes.Status410Gone ? AttemptOutcome.Gone
                : AttemptOutcome.FailedStatus;
            return new AttemptResult(outcome, status, outcome == AttemptOutcome.Succeeded ? null : $"The receiver answered {status}.", Elapsed());
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new AttemptResult(AttemptOutcome.Timeout, null, $"No answer within {_options.Timeout.TotalSeconds:0.#} s.", Elapsed());
        }
        catch (HttpRequestException e) when (e.InnerException is BlockedTargetException || e.InnerException?.InnerException is BlockedTargetException)
        {
            return new AttemptResult(AttemptOutcome.Blocked, null, "Blocked: the host resolves to a loopback, private, link-local or metadata address.", Elapsed());
        }
        catch (HttpRequestException e)
        {
            return new AttemptResult(AttemptOutcome.NetworkError, null, $"The request failed: {e.HttpRequestError}.", Elapsed());
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Reads at most the cap, so the connection can be reused for a small answer; a larger one is dropped with it.</summary>
    private async Task DrainAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
        {
            return;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[8192];
        var total = 0;
        int read;
        while (total < _options.MaxResponseBytes && (read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            total += read;
        }
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (!_guard.IsExempt(context.InitialRequestMessage.RequestUri!) && (addresses.Length == 0 || addresses.Any(WebhookTargetGuard.IsBlocked)))
        {
            throw new BlockedTargetException();
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private sealed class BlockedTargetException() : IOException("The webhook target resolves to a blocked address.");
}
