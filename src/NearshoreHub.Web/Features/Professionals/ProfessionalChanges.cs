using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Announces written professionals: in-process at once (so this instance's ranking index sees them on the
/// next request) and to other instances through PostgreSQL NOTIFY, which is delivered only on commit.
/// </summary>
public sealed class ProfessionalChanges
{
    public const string Channel = "professionals_changed";

    public event Action<IReadOnlyCollection<Guid>>? Changed;

    /// <summary>Call inside the writing transaction (or right after a single SaveChanges).</summary>
    public async Task PublishAsync(NearshoreDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return;
        }

        // NOTIFY payloads are capped at 8000 bytes; a large batch just tells listeners to reload everything changed.
        var payload = ids.Count <= 100 ? string.Join(',', ids) : "*";
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_notify({Channel}, {payload})", ct);
    }

    /// <summary>Call after commit: tells this instance's listeners.</summary>
    public void Committed(IReadOnlyCollection<Guid> ids)
    {
        if (ids.Count > 0)
        {
            Changed?.Invoke(ids);
        }
    }
}
