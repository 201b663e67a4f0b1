using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Infrastructure;

public enum IdempotencyMode
{
    /// <summary>The Idempotency-Key header is ignored: the endpoint runs every time (sign-in, refresh).</summary>
    Ignore,

    /// <summary>The answer holds a secret shown once (a new API key, a webhook secret): its body is never stored and a
    /// replay answers 409 with the resource's Location.</summary>
    SecretResponse,
}

/// <summary>How <see cref="IdempotencyMiddleware"/> treats an endpoint; endpoints without it store their answers.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class IdempotencyAttribute(IdempotencyMode mode) : Attribute
{
    public IdempotencyMode Mode { get; } = mode;
}

/// <summary>
/// Keyed request hashes for idempotency records (HMAC-SHA256), so a reader of the table cannot test guesses of a
/// request's body offline. The key is <c>Idempotency:HashKey</c> (base64, at least 32 bytes) when configured; otherwise
/// one is generated once and kept in <c>protected_secrets</c> only as Data Protection ciphertext (itself encrypted at
/// rest when <c>DataProtection:CertificatePath</c> is set), never beside the rows in clear.
/// </summary>
public sealed class IdempotencyHasher(IServiceScopeFactory scopes, IDataProtectionProvider protection, IConfiguration configuration) : IDisposable
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private const string SecretName = "idempotency-hash-key";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private byte[]? _key;

    public async Task<byte[]> KeyAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _key) is { } known)
        {
            return known;
        }

        await _gate.WaitAsync(ct);
        try
        {
            return _key ??= await LoadAsync(ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<byte[]> LoadAsync(CancellationToken ct)
    {
        if (configuration["Idempotency:HashKey"] is { Length: > 0 } configured)
        {
            var bytes = Convert.FromBase64String(configured);
            return bytes.Length >= 32 ? bytes : throw new InvalidOperationException("Idempotency:HashKey must hold at least 32 bytes (base64).");
        }

        var protector = protection.CreateProtector("NearshoreHub.Idempotency.HashKey");
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
        var candidate = protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        // The first instance to get here wins; every other one reads its key.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO protected_secrets (name, protected_value) VALUES ({SecretName}, {candidate}) ON CONFLICT DO NOTHING", ct);
        var stored = await db.ProtectedSecrets.AsNoTracking().Where(s => s.Name == SecretName).Select(s => s.ProtectedValue).SingleAsync(ct);
        return Convert.FromBase64String(protector.Unprotect(stored));
    }
}

/// <summary>Deletes idempotency records after 24 hours (unfinished ones too) and long-ended sessions; loads the hash key at start.</summary>
public sealed class RetentionCleanup(IServiceScopeFactory scopes, IdempotencyHasher hasher, TimeProvider clock, ILogger<RetentionCleanup> logger) : BackgroundService
{
    public static readonly TimeSpan EndedSessionsKept = TimeSpan.FromDays(30);

    public static async Task RunOnceAsync(NearshoreDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var expired = now - IdempotencyHasher.Lifetime;
        await db.IdempotencyRecords.Where(r => r.CreatedAt < expired).ExecuteDeleteAsync(ct);
        var ended = now - EndedSessionsKept;
        await db.UserSessions.Where(s => s.ExpiresAt < ended || s.RevokedAt < ended).ExecuteDeleteAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), clock);
        do
        {
            try
            {
                // Made (or read) at start rather than inside the first request that carries an Idempotency-Key.
                await hasher.KeyAsync(stoppingToken);
                await using var scope = scopes.CreateAsyncScope();
                await RunOnceAsync(scope.ServiceProvider.GetRequiredService<NearshoreDbContext>(), clock.GetUtcNow(), stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogDebug("Deleting expired idempotency records and sessions failed: {Error}", exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
