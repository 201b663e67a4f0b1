using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Data;

namespace NearshoreHub.Web.Infrastructure.Auth;

/// <summary>Authenticates client companies by the X-Api-Key header.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    NearshoreDbContext db,
    TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    // Recording every use would turn each read into a write; once a minute is precise enough.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeys.HeaderName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var presented = values.ToString();
        if (!ApiKeys.TryGetPrefix(presented, out var prefix))
        {
            return AuthenticateResult.Fail("Malformed API key.");
        }

        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.Prefix == prefix)
            .Select(k => new { k.Id, k.CompanyId, k.KeyHash, k.RevokedAt, k.LastUsedAt })
            .SingleOrDefaultAsync(Context.RequestAborted);
        if (key is null || key.RevokedAt is not null || !CryptographicOperations.FixedTimeEquals(key.KeyHash, ApiKeys.Hash(presented)))
        {
            return AuthenticateResult.Fail("Invalid API key.");
        }

        var now = clock.GetUtcNow();
        if (key.LastUsedAt is null || now - key.LastUsedAt > LastUsedResolution)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(NearshoreClaims.CompanyId, key.CompanyId.ToString()),
                new Claim(NearshoreClaims.ApiKeyId, key.Id.ToString()),
                new Claim(ClaimTypes.Name, $"company:{key.CompanyId}"),
            ],
            Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "ApiKey header=\"X-Api-Key\"";
        return Task.CompletedTask;
    }
}

public static class ApiKeys
{
    public const string Scheme = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    private const string KeyPrefix = "nsh_";

    /// <summary>A new key: "nsh_" + 10 visible characters, "." and a 256-bit secret. Only its SHA-256 is stored.</summary>
    public static (string Key, string Prefix) Generate()
    {
        var prefix = KeyPrefix + RandomToken(8)[..10];
        var key = prefix + "." + RandomToken(32);
        return (key, prefix);
    }

    // The secret has 256 bits of entropy, so a fast hash is enough; a slow KDF would only slow every request.
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static bool TryGetPrefix(string presented, out string prefix)
    {
        prefix = "";
        var dot = presented.IndexOf('.', StringComparison.Ordinal);
        if (!presented.StartsWith(KeyPrefix, StringComparison.Ordinal) || dot != KeyPrefix.Length + 10 || presented.Length > 100)
        {
            return false;
        }

        prefix = presented[..dot];
        return true;
    }

    private static string RandomToken(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', 'x').Replace('/', 'y');
}
