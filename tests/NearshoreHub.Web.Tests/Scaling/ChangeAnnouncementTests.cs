using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Tests.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Tests.Scaling;

/// <summary>
/// What other instances hear of a write (<see cref="ProfessionalChanges.PublishAsync(NearshoreDbContext, IReadOnlyCollection{Guid}, IReadOnlyList{Guid}, CancellationToken)"/>):
/// every changed id once, in payloads under PostgreSQL's 8,000-byte cap, each under this instance's name, and many
/// new rows as the range of their ids.
/// </summary>
public sealed class ChangeAnnouncementTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Every_changed_id_is_announced_once_and_many_new_ones_by_their_range()
    {
        await using var listener = new NpgsqlConnection(app.ConnectionString);
        await listener.OpenAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) =>
        {
            lock (payloads)
            {
                payloads.Add(e.Payload);
            }
        };
        await using (var listen = new NpgsqlCommand($"LISTEN {ProfessionalChanges.Channel}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var changes = app.Services.GetRequiredService<ProfessionalChanges>();
        var changed = Enumerable.Range(0, (2 * ProfessionalChanges.IdsPerNotification) + 50).Select(_ => Guid.NewGuid()).ToArray();
        var inserted = Enumerable.Range(0, ProfessionalChanges.MinRangedIds).Select(_ => Guid.NewGuid()).ToArray();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await changes.PublishAsync(db, changed, inserted, CancellationToken.None);
            await transaction.CommitAsync();
        }

        // Three payloads of ids (200, 200, 50) and one range.
        var mine = new List<string>();
        var clock = Stopwatch.StartNew();
        while (mine.Count < 4 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(200));
            lock (payloads)
            {
                mine = [.. payloads.Where(p => ProfessionalChanges.SplitPayload(p, out var origin, out _) && origin == changes.InstanceId)];
            }
        }

        Assert.Equal(4, mine.Count);
        Assert.All(mine, p => Assert.InRange(Encoding.UTF8.GetByteCount(p), 1, 7_999));
        var bodies = mine.Select(p => ProfessionalChanges.SplitPayload(p, out _, out var body) ? body : "").ToList();
        var ranges = bodies.Where(b => ProfessionalChanges.TrySplitRange(b, out _, out _)).ToList();
        var range = Assert.Single(ranges);
        var announced = bodies.Except(ranges).SelectMany(b => b.Split(',')).Select(Guid.Parse).ToList();
        Assert.Equal(changed.Order(), announced.Order());
        var inUuidOrder = inserted.Order(Comparer<Guid>.Create(ProfessionalChanges.UuidOrder)).ToList();
        Assert.True(ProfessionalChanges.TrySplitRange(range, out var first, out var last));
        Assert.Equal((inUuidOrder[0], inUuidOrder[^1]), (first, last));
    }
}
