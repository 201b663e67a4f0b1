using Microsoft.EntityFrameworkCore;

namespace NearshoreHub.Web.Data;

/// <summary>
/// Announces written professionals: in-process at once (so this instance's ranking index sees them on the
/// next request) and to other instances through PostgreSQL NOTIFY, which is delivered only on commit.
/// Payloads are <c>{instance};{id},{id},…</c> (or <c>{instance};*</c>: reload everything), so an instance can skip
/// its own announcements, which it already applied through <see cref="Changed"/>.
/// </summary>
public sealed class ProfessionalChanges
{
    public const string Channel = "professionals_changed";

    /// <summary>Ids per NOTIFY: 200 × 37 characters plus the prefix stays under PostgreSQL's 8000-byte payload cap.</summary>
    public const int IdsPerNotification = 200;

    /// <summary>Past this many ids one "reload everything" is cheaper for a listener than loading each changed row.</summary>
    public const int MaxAnnouncedIds = 500_000;

    /// <summary>The origin of bulk announcements, which no instance takes for its own.</summary>
    private const string BulkOrigin = "seed";

    public event Action<IReadOnlyCollection<Guid>>? Changed;

    /// <summary>Tells this instance's announcements apart from other instances' on the shared channel.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Call inside the writing transaction (or right after a single SaveChanges).</summary>
    public async Task PublishAsync(NearshoreDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        // Listeners get the ids themselves even for an import, so they apply the change set instead of rebuilding
        // their whole index; the ids travel in as many notifications as the payload cap needs, in one statement.
        var payloads = ids.Count > MaxAnnouncedIds
            ? [InstanceId + ";*"]
            : ids.Chunk(IdsPerNotification).Select(chunk => InstanceId + ";" + string.Join(',', chunk)).ToArray();
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({Channel}, p) FROM unnest({payloads}) AS p", ct);
    }

    /// <summary>
    /// For rows written past this context and committed already (the seed command's COPY sessions): every instance,
    /// this one too (the announcement is nobody's own), rebuilds its ranking index.
    /// </summary>
    public async Task PublishReloadAsync(NearshoreDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({Channel}, {BulkOrigin + ";*"})", ct);
    }

    /// <summary>Call after commit: tells this instance's listeners.</summary>
    public void Committed(IReadOnlyCollection<Guid> ids)
    {
        if (ids.Count > 0)
        {
            Changed?.Invoke(ids);
        }
    }

    /// <summary>Splits a payload into the announcing instance (null for a bare payload) and the ids or "*". (Not named
    /// TryParse: minimal APIs would take that for a parameter binder, and handlers take this class as a parameter.)</summary>
    public static bool SplitPayload(string payload, out string? origin, out string body)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var separator = payload.IndexOf(';', StringComparison.Ordinal);
        origin = separator < 0 ? null : payload[..separator];
        body = separator < 0 ? payload : payload[(separator + 1)..];
        return body.Length > 0;
    }
}
