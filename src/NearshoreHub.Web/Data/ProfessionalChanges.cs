using Microsoft.EntityFrameworkCore;

namespace NearshoreHub.Web.Data;

/// <summary>
/// Announces written professionals: in-process at once (so this instance's ranking index sees them on the
/// next request) and to other instances through PostgreSQL NOTIFY, which is delivered only on commit.
/// Payloads are <c>{instance};{id},{id},…</c>, <c>{instance};{first}..{last}</c> (rows written in bulk whose ids all
/// lie in that range, see <see cref="PublishAsync(NearshoreDbContext, IReadOnlyCollection{Guid}, IReadOnlyList{Guid}, CancellationToken)"/>)
/// or <c>{instance};*</c> (reload everything), so an instance can skip its own announcements, which it already applied
/// through <see cref="Changed"/>.
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

    /// <summary>Past this many new rows, <see cref="PublishAsync(NearshoreDbContext, IReadOnlyCollection{Guid}, IReadOnlyList{Guid}, CancellationToken)"/> announces their range instead of their ids.</summary>
    public const int MinRangedIds = 1_000;

    /// <summary>Call inside the writing transaction (or right after a single SaveChanges).</summary>
    public Task PublishAsync(NearshoreDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct) => PublishAsync(db, ids, [], ct);

    /// <summary>
    /// Call inside the writing transaction: announces <paramref name="ids"/> (changed or deleted) one by one and
    /// <paramref name="inserted"/> (rows this transaction added) by the range of their ids when there are many: a
    /// listener then reads the ids in that range back (<see cref="TrySplitRange"/>), which may bring rows that were not
    /// written here; reloading those costs nothing wrong. Measured on two cores for an import of 100,000 new rows:
    /// announcing each id (3.7 MB of payloads) took 70-150 ms inside the import's transaction, almost all of it moving
    /// those bytes into PostgreSQL.
    /// </summary>
    public async Task PublishAsync(NearshoreDbContext db, IReadOnlyCollection<Guid> ids, IReadOnlyList<Guid> inserted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (ids.Count + inserted.Count == 0)
        {
            return;
        }

        // Listeners get the ids themselves even for an import, so they apply the change set instead of rebuilding
        // their whole index; the ids travel in as many notifications as the payload cap needs, in one statement.
        // PostgreSQL writes the payloads from the ids sent as uuid[] (16 bytes each): built here as text, the 50,000 ids
        // of an import were 1.85 MB of fresh strings to build and send. The import benchmark's rate-only file (50,000
        // changed rows, README database, two cores) spent 78-114 ms on notify and commit that way, 55-72 ms this way.
        var ranged = inserted.Count >= MinRangedIds;
        if (ids.Count + (ranged ? 0 : inserted.Count) > MaxAnnouncedIds)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({Channel}, {InstanceId + ";*"})", ct);
            return;
        }

        Guid[] listed = ranged ? [.. ids] : [.. ids, .. inserted];
        string[] more = ranged ? [$"{InstanceId};{RangeBody(inserted)}"] : [];
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            SELECT pg_notify({Channel}, {InstanceId + ";"} || string_agg(u.id::text, ',')) FROM unnest({listed}) WITH ORDINALITY AS u(id, n)
            GROUP BY (u.n - 1) / {IdsPerNotification}
            UNION ALL SELECT pg_notify({Channel}, p) FROM unnest({more}) AS p
            """, ct);
    }

    /// <summary>A range payload's body, <c>{first}..{last}</c>: the lowest and highest of <paramref name="ids"/> in PostgreSQL's uuid order.</summary>
    private static string RangeBody(IReadOnlyList<Guid> ids)
    {
        var (first, last) = (ids[0], ids[0]);
        foreach (var id in ids)
        {
            first = UuidOrder(id, first) < 0 ? id : first;
            last = UuidOrder(id, last) > 0 ? id : last;
        }

        return $"{first}..{last}";
    }

    /// <summary>PostgreSQL's uuid order: the 16 bytes compared in network order, as in RFC 9562.</summary>
    public static int UuidOrder(Guid a, Guid b)
    {
        Span<byte> x = stackalloc byte[16];
        Span<byte> y = stackalloc byte[16];
        a.TryWriteBytes(x, bigEndian: true, out _);
        b.TryWriteBytes(y, bigEndian: true, out _);
        return x.SequenceCompareTo(y);
    }

    /// <summary>Reads a payload body of the form <c>{first}..{last}</c>: rows added in bulk with ids in that range.</summary>
    public static bool TrySplitRange(string body, out Guid first, out Guid last)
    {
        ArgumentNullException.ThrowIfNull(body);
        var separator = body.IndexOf("..", StringComparison.Ordinal);
        first = last = Guid.Empty;
        return separator > 0 && Guid.TryParse(body.AsSpan(0, separator), out first) && Guid.TryParse(body.AsSpan(separator + 2), out last);
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
