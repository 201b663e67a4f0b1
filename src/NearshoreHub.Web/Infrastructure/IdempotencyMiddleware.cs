using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// Creating POSTs with an Idempotency-Key: the same key and body replays the first successful answer, the same key
/// with another body is 422; an answer that is not a success is not kept. A placeholder row is inserted first, so two
/// concurrent duplicates cannot both run the handler: the loser answers 409 until the first has finished. Records
/// expire after 24 hours, unfinished ones too (<see cref="RetentionCleanup"/>). Requests are hashed with a keyed
/// HMAC (<see cref="IdempotencyHasher"/>). Endpoints marked <see cref="IdempotencyMode.Ignore"/> never see the header
/// handled; those marked <see cref="IdempotencyMode.SecretResponse"/>, and any answer the endpoint itself marks
/// <c>Cache-Control: no-store</c>, keep no body.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string HeaderName = "Idempotency-Key";
    private const int MaxBufferedResponse = 1 << 20;

    public async Task InvokeAsync(HttpContext context, NearshoreDbContext db, TimeProvider clock, IProblemDetailsService problems, IdempotencyHasher hasher)
    {
        var key = context.Request.Headers[HeaderName].ToString();
        var mode = context.GetEndpoint()?.Metadata.GetMetadata<IdempotencyAttribute>()?.Mode;
        if (!HttpMethods.IsPost(context.Request.Method) || key.Length == 0 || !context.Request.Path.StartsWithSegments("/api/v1")
            || mode == IdempotencyMode.Ignore)
        {
            await next(context);
            return;
        }

        if (key.Length > 200)
        {
            await WriteProblem(context, problems, StatusCodes.Status400BadRequest, "The Idempotency-Key header is longer than 200 characters.");
            return;
        }

        var scope = Scope(context);
        context.Request.EnableBuffering();
        var hash = await HashRequest(context, await hasher.KeyAsync(context.RequestAborted));
        context.Request.Body.Position = 0;

        // An expired record (24 h, finished or not) no longer holds its key.
        var now = clock.GetUtcNow();
        var expired = now - IdempotencyHasher.Lifetime;
        await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key && r.CreatedAt < expired).ExecuteDeleteAsync(context.RequestAborted);
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO idempotency_records (scope, key, request_hash, status_code, created_at) VALUES ({scope}, {key}, {hash}, 0, {now}) ON CONFLICT DO NOTHING",
            context.RequestAborted);
        if (inserted == 0)
        {
            await Replay(context, db, problems, scope, key, hash);
            return;
        }

        var originalBody = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        var completed = false;
        try
        {
            await next(context);
            completed = true;
        }
        finally
        {
            context.Response.Body = originalBody;
            // Only a success is pinned to its key. A refusal wrote nothing, so it leaves nothing behind either: the
            // client may fix the request and retry with the same key, and a rejected request changes no row at all.
            if (completed && context.Response.StatusCode is >= 200 and < 300 && buffer.Length <= MaxBufferedResponse)
            {
                // An answer with a secret shown once (a new API key, a webhook secret) must never reach the database: only
                // the status is kept and a replay says where the resource is instead of repeating the secret. The
                // no-store that every /api answer gets is added when the response starts, so only the endpoint's own counts.
                var body = mode == IdempotencyMode.SecretResponse || IsNoStore(context.Response) ? null : buffer.ToArray();
                await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.StatusCode, context.Response.StatusCode)
                    .SetProperty(r => r.ContentType, context.Response.ContentType)
                    .SetProperty(r => r.Location, context.Response.Headers.Location.ToString())
                    .SetProperty(r => r.Body, body), CancellationToken.None);
            }
            else
            {
                await db.IdempotencyRecords.Where(r => r.Scope == scope && r.Key == key).ExecuteDeleteAsync(CancellationToken.None);
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(originalBody, CancellationToken.None);
        }
    }

    private static async Task Replay(HttpContext context, NearshoreDbContext db, IProblemDetailsService problems, string scope, string key, string hash)
    {
        var record = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Scope == scope && r.Key == key, context.RequestAborted);
        if (record is null || record.StatusCode == 0)
        {
            await WriteProblem(context, problems, StatusCodes.Status409Conflict, "A request with this Idempotency-Key is still being processed.");
            return;
        }

        if (!string.Equals(record.RequestHash, hash, StringComparison.Ordinal))
        {
            await WriteProblem(context, problems, StatusCodes.Status422UnprocessableEntity, "This Idempotency-Key was already used with a different request.");
            return;
        }

        if (record.Body is null && record.StatusCode is >= 200 and < 300)
        {
            context.Response.Headers.Location = record.Location;
            await WriteProblem(context, problems, StatusCodes.Status409Conflict,
                "This Idempotency-Key already created the resource at Location; its secret was shown only in the first answer.");
            return;
        }

        context.Response.StatusCode = record.StatusCode;
        context.Response.Headers["Idempotent-Replayed"] = "true";
        if (!string.IsNullOrEmpty(record.Location))
        {
            context.Response.Headers.Location = record.Location;
        }

        if (record.ContentType is not null)
        {
            context.Response.ContentType = record.ContentType;
        }

        if (record.Body is { Length: > 0 })
        {
            await context.Response.Body.WriteAsync(record.Body, context.RequestAborted);
        }
    }

    private static bool IsNoStore(HttpResponse response) =>
        response.Headers.CacheControl.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase);

    private static string Scope(HttpContext context)
    {
        var user = context.User;
        return user.CompanyId() is { } company ? $"company:{company}"
            : user.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is { } id ? $"user:{id}"
            : "anonymous";
    }

    private static async Task<string> HashRequest(HttpContext context, byte[] hmacKey)
    {
        using var sha = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, hmacKey);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{context.Request.Path}{context.Request.QueryString}\n"));
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        return Convert.ToHexString(sha.GetHashAndReset());
    }

    private static async Task WriteProblem(HttpContext context, IProblemDetailsService problems, int status, string title)
    {
        context.Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = status, Title = title },
        });
    }
}
