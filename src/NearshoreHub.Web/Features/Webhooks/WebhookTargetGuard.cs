using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace NearshoreHub.Web.Features.Webhooks;

/// <summary>
/// Keeps webhooks from reaching inside the network (SSRF): https only outside Development, and no loopback, private,
/// link-local, carrier-grade NAT, multicast, reserved or cloud metadata address — by literal, by name, and after DNS
/// resolution. The exact origins in <see cref="WebhookOptions.AllowedPrivateTargets"/> are the only exemption.
/// </summary>
public sealed class WebhookTargetGuard(IOptions<WebhookOptions> options, IHostEnvironment environment)
{
    public const string BlockedAddressMessage = "Must not point at a loopback, private, link-local or metadata address.";
    private static readonly string[] InternalNames = ["localhost", "metadata.google.internal", "metadata.goog", "instance-data"];

    public bool IsExempt(Uri uri) => options.Value.AllowedPrivateTargets.Any(origin =>
        Uri.TryCreate(origin, UriKind.Absolute, out var allowed)
        && string.Equals(allowed.Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(allowed.IdnHost, uri.IdnHost, StringComparison.OrdinalIgnoreCase)
        && allowed.Port == uri.Port);

    /// <summary>Whether plain http is acceptable for this URL: in Development, or for an exempt origin.</summary>
    public bool AllowsScheme(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && (environment.IsDevelopment() || IsExempt(uri)));

    /// <summary>The URL's problem without resolving it, or null when it may be registered (subject to <see cref="CheckResolvedAsync"/>).</summary>
    public string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048 || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return "Must be an absolute https URL of at most 2048 characters.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "Must not carry credentials.";
        }

        if (!AllowsScheme(uri))
        {
            return "Must use https.";
        }

        if (IsExempt(uri))
        {
            return null;
        }

        var host = uri.IdnHost.Trim('[', ']').TrimEnd('.');
        if (IPAddress.TryParse(host, out var literal))
        {
            return IsBlocked(literal) ? BlockedAddressMessage : null;
        }

        // A single-label name is an intranet name; these others name the machine itself or a cloud metadata service.
        if (!host.Contains('.', StringComparison.Ordinal)
            || InternalNames.Any(n => host.Equals(n, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + n, StringComparison.OrdinalIgnoreCase))
            || host.EndsWith(".internal", StringComparison.OrdinalIgnoreCase))
        {
            return BlockedAddressMessage;
        }

        return null;
    }

    /// <summary>
    /// At registration: the addresses the name resolves to now. A name that does not resolve is accepted (delivery
    /// resolves it again and refuses it then if it leads inside).
    /// </summary>
    public async Task<string?> CheckResolvedAsync(Uri uri, CancellationToken ct)
    {
        var host = uri.IdnHost.Trim('[', ']');
        if (IsExempt(uri) || IPAddress.TryParse(host, out _))
        {
            return null;
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            var addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            return addresses.Any(IsBlocked) ? BlockedAddressMessage : null;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    public static bool IsBlocked(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return IsBlockedV4(address.GetAddressBytes());
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return true;
        }

        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal
            || address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal || address.IsIPv6Teredo)
        {
            return true;
        }

        // Addresses that carry an IPv4 address inside: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96), 6to4 (2002::/16).
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0)
        {
            return IsBlockedV4(b[12..]);
        }

        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b)
        {
            return IsBlockedV4(b[12..]);
        }

        return b[0] == 0x20 && b[1] == 0x02 ? IsBlockedV4(b[2..6]) : false;
    }

    private static bool IsBlockedV4(byte[] b) =>
        b[0] is 0 or 10 or 127 or >= 224
        || (b[0] == 100 && (b[1] & 0xC0) == 64)      // 100.64.0.0/10 carrier-grade NAT (and Alibaba's metadata)
        || (b[0] == 169 && b[1] == 254)              // link-local, cloud metadata 169.254.169.254
        || (b[0] == 172 && (b[1] & 0xF0) == 16)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2)
        || (b[0] == 198 && (b[1] & 0xFE) == 18)      // benchmarking 198.18.0.0/15
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)
        || (b[0] == 203 && b[1] == 0 && b[2] == 113);
}
