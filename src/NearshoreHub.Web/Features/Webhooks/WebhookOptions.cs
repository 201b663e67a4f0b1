using System.Globalization;

namespace NearshoreHub.Web.Features.Webhooks;

/// <summary>Configuration section "Webhooks". Defaults are product.md §11's; tests shorten the schedule.</summary>
public sealed class WebhookOptions
{
    /// <summary>Exact origins ("http://127.0.0.1:8099") exempt from the https rule and the private-address guard.</summary>
    public string[] AllowedPrivateTargets { get; set; } = [];

    private static readonly TimeSpan[] DefaultSchedule =
        [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1)];

    /// <summary>
    /// Delays after the 1st, 2nd, … failed attempt ("00:00:05"); after the last one <see cref="RepeatInterval"/> repeats.
    /// Null means 5 s, 30 s, 2 min, 10 min, 1 h (a default list here would be appended to, not replaced, by configuration).
    /// </summary>
    public string[]? RetrySchedule { get; set; }

    public TimeSpan RepeatInterval { get; set; } = TimeSpan.FromHours(3);

    /// <summary>No attempt is scheduled later than this after the first one.</summary>
    public TimeSpan RetryWindow { get; set; } = TimeSpan.FromHours(24);

    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>Finished deliveries with their attempts, and events nobody still waits for, are deleted after this.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How often a dispatcher deletes what is past <see cref="Retention"/>.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a dispatcher looks for due deliveries when nothing woke it (events written in this process do).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts in flight at once per instance.</summary>
    public int Concurrency { get; set; } = 32;

    /// <summary>A claimed delivery is invisible to other instances this long; it must exceed the attempt's timeout.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whole attempt: connect, send, response headers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>At most this much of a response body is read; the rest is dropped with the connection.</summary>
    public int MaxResponseBytes { get; set; } = 64 * 1024;

    internal TimeSpan DelayAfter(int failedAttempts)
    {
        var schedule = RetrySchedule is { Length: > 0 } configured
            ? configured.Select(s => TimeSpan.Parse(s, CultureInfo.InvariantCulture)).ToArray()
            : DefaultSchedule;
        return failedAttempts >= 1 && failedAttempts <= schedule.Length ? schedule[failedAttempts - 1] : RepeatInterval;
    }
}
