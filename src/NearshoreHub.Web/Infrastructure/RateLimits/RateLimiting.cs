using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using NearshoreHub.Web.Infrastructure.Auth;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>Request budgets, bound from <c>RateLimits:*</c>. Each is a fixed one-minute window.</summary>
public sealed class RateLimitSettings
{
    /// <summary>Per API key (by its public prefix) and per signed-in user.</summary>
    public int PerCallerPerMinute { get; set; } = 600;

    /// <summary>Per client IP for anonymous requests other than sign-in.</summary>
    public int AnonymousPerIpPerMinute { get; set; } = 300;

    /// <summary>Per client IP for sign-in attempts (API and page), on top of the per-account lockout.</summary>
    public int SignInPerIpPerMinute { get; set; } = 10;

    /// <summary>
    /// Counts in PostgreSQL so all instances on one database share each budget. False: each instance counts in its
    /// own memory (N instances give N times the budget).
    /// </summary>
    public bool Shared { get; set; } = true;

    /// <summary>After the shared counters fail, how long each instance counts in memory before trying them again.</summary>
    public int SharedRetrySeconds { get; set; } = 5;
}

/// <summary>
/// Answers abuse with 429 problem details and a Retry-After header. Budgets are counted in PostgreSQL and so hold
/// across instances (<see cref="SharedRateLimiter"/>); while PostgreSQL cannot count, each instance counts in memory.
/// </summary>
public static class RateLimiting
{
    internal static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static WebApplicationBuilder AddNearshoreRateLimiting(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<RateLimitSettings>(builder.Configuration.GetSection("RateLimits"));
        builder.Services.AddSingleton<RateLimitCounterStore>();
        builder.Services.AddSingleton<SharedRateLimiter>();
        if (builder.Configuration.GetValue("RateLimits:Shared", true))
        {
            builder.Services.AddHostedService<RateLimitCounterCleanup>();
        }

        builder.Services.AddOptions<RateLimiterOptions>().Configure<IServiceProvider>((options, services) =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = OnRejectedAsync;
            options.GlobalLimiter = services.GetRequiredService<SharedRateLimiter>();
        });
        builder.Services.AddRateLimiter(_ => { });
        return builder;
    }

    /// <summary>Runs after authentication, so signed-in users are counted by who they are rather than where from.</summary>
    public static IApplicationBuilder UseNearshoreRateLimiting(this IApplicationBuilder app) => app.UseRateLimiter();

    internal static bool IsSignIn(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/api/v1/auth/login", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase));

    /// <summary>A budget a request is counted against: its partition and the requests that partition may make per window.</summary>
    internal readonly record struct Budget(string PartitionKey, int PerWindow);

    /// <summary>Sign-in attempts per IP, whatever accounts they aim at, so guessing passwords from one address stops at a handful of tries.</summary>
    internal static Budget? SignInBudget(HttpContext context, RateLimitSettings settings) =>
        IsSignIn(context.Request) ? new Budget("signin:" + ClientIp(context), settings.SignInPerIpPerMinute) : null;

    internal static Budget? CallerBudget(HttpContext context, RateLimitSettings settings)
    {
        // Probes and scrapes must keep working while a caller is being throttled.
        if (context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/metrics"))
        {
            return null;
        }

        // The key prefix is counted whether or not the key turns out valid: a flood of bad keys is still a flood.
        if (context.Request.Headers.TryGetValue(ApiKeys.HeaderName, out var key) && ApiKeys.TryGetPrefix(key.ToString(), out var prefix))
        {
            return new Budget("key:" + prefix, settings.PerCallerPerMinute);
        }

        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            return new Budget("user:" + userId, settings.PerCallerPerMinute);
        }

        return new Budget("ip:" + ClientIp(context), settings.AnonymousPerIpPerMinute);
    }

    /// <summary>The same budgets counted in this instance's memory: the fallback while PostgreSQL cannot count.</summary>
    internal static PartitionedRateLimiter<HttpContext> CreateLocalLimiter(IOptions<RateLimitSettings> settings) =>
        PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => Local(SignInBudget(context, settings.Value))),
            PartitionedRateLimiter.Create<HttpContext, string>(context => Local(CallerBudget(context, settings.Value))));

    private static RateLimitPartition<string> Local(Budget? budget) =>
        budget is { } b
            ? RateLimitPartition.GetFixedWindowLimiter(b.PartitionKey, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, b.PerWindow),
                Window = Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            })
            : RateLimitPartition.GetNoLimiter("");

    // The connection's address: behind a proxy, ForwardedHeaders (trusted proxies only) makes this the client's.
    private static string ClientIp(HttpContext context) =>
        (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    private static async ValueTask OnRejectedAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests. Wait before retrying.",
                Detail = $"Retry after {seconds} s.",
            },
        });
    }
}

/// <summary>
/// The one global limiter: counts each request in PostgreSQL (<see cref="RateLimitCounterStore"/>) against every
/// budget it falls in, so N instances together allow each budget once. When the store fails (database down, table
/// missing) requests are counted in this instance's memory instead for <c>RateLimits:SharedRetrySeconds</c>, then one
/// request tries the store again: an outage must not turn every request into an error or a wait.
/// </summary>
public sealed class SharedRateLimiter : PartitionedRateLimiter<HttpContext>
{
    private readonly RateLimitCounterStore _store;
    private readonly IOptions<RateLimitSettings> _settings;
    private readonly TimeProvider _clock;
    private readonly ILogger<SharedRateLimiter> _logger;
    private readonly PartitionedRateLimiter<HttpContext> _local;

    // 0 while the store works; otherwise the timestamp after which one request may try it again.
    private long _retryStoreAt;
    private int _probing;

    public SharedRateLimiter(RateLimitCounterStore store, IOptions<RateLimitSettings> settings, TimeProvider clock, ILogger<SharedRateLimiter> logger)
    {
        _store = store;
        _settings = settings;
        _clock = clock;
        _logger = logger;
        _local = RateLimiting.CreateLocalLimiter(settings);
    }

    /// <summary>True while requests are counted in memory because the shared store failed.</summary>
    public bool IsFallingBack => Volatile.Read(ref _retryStoreAt) != 0;

    public override RateLimiterStatistics? GetStatistics(HttpContext resource) => null;

    protected override RateLimitLease AttemptAcquireCore(HttpContext resource, int permitCount)
    {
        if (!_settings.Value.Shared)
        {
            return _local.AttemptAcquire(resource, permitCount);
        }

        // Counting needs a round trip, so the synchronous attempt admits only what no budget covers; for the rest
        // the middleware goes on to AcquireAsync.
        var settings = _settings.Value;
        return RateLimiting.SignInBudget(resource, settings) is null && RateLimiting.CallerBudget(resource, settings) is null
            ? Lease.Acquired
            : Lease.NotYet;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(HttpContext resource, int permitCount, CancellationToken cancellationToken)
    {
        var settings = _settings.Value;
        if (!settings.Shared)
        {
            return await _local.AcquireAsync(resource, permitCount, cancellationToken);
        }

        var signIn = RateLimiting.SignInBudget(resource, settings);
        var caller = RateLimiting.CallerBudget(resource, settings);
        if (signIn is null && caller is null)
        {
            return Lease.Acquired;
        }

        if (!TryTakeStoreTurn())
        {
            return await _local.AcquireAsync(resource, permitCount, cancellationToken);
        }

        string[] keys = (signIn, caller) switch
        {
            ({ } s, { } c) => string.CompareOrdinal(s.PartitionKey, c.PartitionKey) < 0 ? [s.PartitionKey, c.PartitionKey] : [c.PartitionKey, s.PartitionKey],
            ({ } s, null) => [s.PartitionKey],
            _ => [caller!.Value.PartitionKey],
        };
        RateLimitCounterStore.Count[] counts;
        try
        {
            counts = await _store.IncrementAsync(keys, RateLimiting.Window, cancellationToken);
            StoreWorked();
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            StoreFailed(exception, settings);
            return await _local.AcquireAsync(resource, permitCount, cancellationToken);
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }

        var retryAfter = TimeSpan.Zero;
        foreach (var count in counts)
        {
            var limit = Math.Max(1, count.PartitionKey == signIn?.PartitionKey ? signIn.Value.PerWindow : caller!.Value.PerWindow);
            if (count.Value > limit && count.WindowLeft > retryAfter)
            {
                retryAfter = count.WindowLeft;
            }
        }

        return retryAfter > TimeSpan.Zero ? Lease.Rejected(retryAfter) : Lease.Acquired;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    // While falling back, only one request at a time may find out whether the store is back.
    private bool TryTakeStoreTurn()
    {
        var retryAt = Volatile.Read(ref _retryStoreAt);
        if (retryAt == 0)
        {
            return true;
        }

        return _clock.GetTimestamp() >= retryAt && Interlocked.CompareExchange(ref _probing, 1, 0) == 0;
    }

    private void StoreWorked()
    {
        if (Interlocked.Exchange(ref _retryStoreAt, 0) != 0)
        {
            _logger.LogInformation("Rate limits are counted in PostgreSQL again (shared by all instances)");
        }
    }

    private void StoreFailed(Exception exception, RateLimitSettings settings)
    {
        var retryAt = _clock.GetTimestamp() + (long)(Math.Max(1, settings.SharedRetrySeconds) * (double)_clock.TimestampFrequency);
        if (Interlocked.Exchange(ref _retryStoreAt, retryAt) == 0)
        {
            // Partition keys name users and IPs, so they stay out of the log.
            _logger.LogWarning("Rate limits cannot be counted in PostgreSQL ({Error}: {Message}); counting in this instance's memory until it answers again",
                exception.GetType().Name, exception.Message);
        }
    }

    private sealed class Lease : RateLimitLease
    {
        public static readonly Lease Acquired = new(true, null);
        public static readonly Lease NotYet = new(false, null);

        private readonly TimeSpan? _retryAfter;

        private Lease(bool isAcquired, TimeSpan? retryAfter)
        {
            IsAcquired = isAcquired;
            _retryAfter = retryAfter;
        }

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Rejected(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
