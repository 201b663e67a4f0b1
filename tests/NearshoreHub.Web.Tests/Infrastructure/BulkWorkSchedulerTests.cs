using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NearshoreHub.Web.Features.Professionals;
using NearshoreHub.Web.Infrastructure.Threading;

namespace NearshoreHub.Web.Tests.Infrastructure;

/// <summary>
/// Bulk work runs on <see cref="BulkWorkScheduler"/>'s own threads at a lower priority, awaits included, and the import
/// is such work: its body is read there, not on the thread pool at the requests' priority.
/// </summary>
public sealed class BulkWorkSchedulerTests(NearshoreApiFactory app) : IClassFixture<NearshoreApiFactory>
{
    [Fact]
    public async Task Work_and_its_continuations_run_on_the_schedulers_threads_at_its_niceness()
    {
        using var scheduler = new BulkWorkScheduler(threads: 2, niceness: 7);
        var seen = await scheduler.RunAsync(async () =>
        {
            var before = Where();
            await Task.Delay(20);
            var afterAwait = Where();
            var child = await Task.Factory.StartNew(Where, CancellationToken.None, TaskCreationOptions.DenyChildAttach, TaskScheduler.Current);
            return new[] { before, afterAwait, child };
        }, CancellationToken.None);

        Assert.All(seen, where => Assert.Equal(("bulk-work", OperatingSystem.IsLinux() ? 7 : (int?)null), where));
        // The caller goes on where it was: not on a bulk-work thread, not with the bulk scheduler as the current one.
        Assert.NotEqual("bulk-work", Thread.CurrentThread.Name);
        Assert.NotEqual(7, CurrentNiceness());
        Assert.Same(TaskScheduler.Default, TaskScheduler.Current);
    }

    [Fact]
    public async Task Niceness_zero_leaves_the_threads_at_the_processes_priority()
    {
        using var scheduler = new BulkWorkScheduler(threads: 1, niceness: 0);
        var where = await scheduler.RunAsync(() => Task.FromResult(Where()), CancellationToken.None);
        Assert.Equal(("bulk-work", CurrentNiceness()), where);
    }

    // One setting out of range per case, so each of the three checks is the one that refuses it.
    [Theory]
    [InlineData(0, 10)]
    [InlineData(1, -1)]
    [InlineData(1, 20)]
    public void Out_of_range_settings_are_refused(int threads, int niceness) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BulkWorkScheduler(threads, niceness));

    [Theory]
    [InlineData(null, BulkWorkScheduler.DefaultNiceness)]
    [InlineData("0", 0)]
    [InlineData("19", 19)]
    public void The_setting_is_read_with_its_default(string? setting, int niceness) =>
        Assert.Equal(niceness, BulkWorkScheduler.NicenessFrom(Settings(setting)));

    [Theory]
    [InlineData("20")]
    [InlineData("-1")]
    [InlineData("ten")]
    public void A_setting_out_of_range_is_refused_by_name(string setting) =>
        Assert.Contains("Import:Niceness", Assert.Throws<InvalidOperationException>(() => BulkWorkScheduler.NicenessFrom(Settings(setting))).Message);

    [Fact]
    public void A_setting_out_of_range_stops_the_start_not_the_first_import()
    {
        using var misconfigured = app.WithWebHostBuilder(builder => builder.UseSetting("Import:Niceness", "25"));
        var error = Assert.ThrowsAny<Exception>(() => misconfigured.CreateClient());
        Assert.Contains("Import:Niceness must be a whole number from 0 to 19", error.ToString());
    }

    private static IConfiguration Settings(string? niceness) =>
        new ConfigurationBuilder().AddInMemoryCollection(niceness is null ? [] : [new("Import:Niceness", niceness)]).Build();

    [Fact]
    public async Task The_import_reads_its_file_on_the_bulk_work_threads()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var import = scope.ServiceProvider.GetRequiredService<ProfessionalImport>();
        var niceness = scope.ServiceProvider.GetRequiredService<BulkWorkScheduler>().Niceness;
        var body = new WatchedStream(Encoding.UTF8.GetBytes(string.Join(',', ProfessionalCsv.Columns) + "\n"));

        await import.RehearseAsync(body, CancellationToken.None);

        Assert.NotEmpty(body.Reads);
        Assert.All(body.Reads, where => Assert.Equal(("bulk-work", OperatingSystem.IsLinux() ? niceness : (int?)null), where));
    }

    private static (string?, int?) Where() => (Thread.CurrentThread.Name, CurrentNiceness());

    /// <summary>The calling thread's nice value (field 19 of its stat line), on Linux; null elsewhere.</summary>
    private static int? CurrentNiceness()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return int.Parse(fields[16], System.Globalization.CultureInfo.InvariantCulture);
    }

    private sealed class WatchedStream(byte[] bytes) : MemoryStream(bytes)
    {
        public List<(string?, int?)> Reads { get; } = [];

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads.Add(Where());
            return base.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Reads.Add(Where());
            return base.ReadAsync(buffer, offset, count, cancellationToken);
        }

        public override int Read(Span<byte> buffer)
        {
            Reads.Add(Where());
            return base.Read(buffer);
        }
    }
}
