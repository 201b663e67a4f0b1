using System.Diagnostics;
using System.Runtime;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure.Threading;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// What a warm-up did: rounds of rehearsals of so many new rows and stored ones (changed, then as they are; how the last
/// round read them), how long, how many methods the JIT compiled meanwhile, and whether the last round compiled next to nothing.
/// </summary>
public sealed record ImportWarmUpSummary(
    int Rounds, int Rows, int StoredRows, int StoredUpdated, int StoredUnchanged, double Seconds, long CompiledMethods, bool Settled);

/// <summary>
/// Compiles the import before the first file arrives. A fresh process runs its code unoptimised first and recompiles
/// the hot parts in the background: measured on two cores, the first import of 100,000 rows after a start spent over a
/// second of CPU in the JIT, on the cores that check the file and let PostgreSQL write it. So, once the ranking index is
/// built, the import is rehearsed on a generated file of <c>Import:WarmUpRows</c> new rows (0 turns this off; the tests
/// run without) and on as many stored people, changed and as they are, each rehearsal rolled back
/// (<see cref="ProfessionalImport.RehearseAsync"/>): nothing stays, nothing is announced or audited, until a round of
/// rehearsals finds the code compiled. Until then the instance is not ready
/// (<c>/health/ready</c>), as while its ranking index is being built: a load balancer sends it traffic once it is warm.
/// A failed warm-up costs nothing but the warm-up; the instance is ready then too.
/// </summary>
public sealed class ImportWarmUp(
    IServiceScopeFactory scopes, CandidateIndexHost index, SkillCatalog catalog, BulkWorkScheduler scheduler, IConfiguration configuration,
    ILogger<ImportWarmUp> logger) : BackgroundService
{
    /// <summary>
    /// Rehearsals. The JIT starts counting a method's calls only once no new method was compiled for 100 ms and
    /// recompiles it after 30 counted calls, so the first rehearsal mostly arms the counters and the next ones do the
    /// recompiling. Rehearsals cut the file into small batches and chunks (<see cref="ImportSizes.Rehearsal"/>), so the
    /// code run once per batch or chunk is called often enough too. Measured on two cores: after 3 rehearsals of 8,192
    /// rows the first 100,000-row import still took 2.5 s of CPU in this process, after 6 1.65 s.
    /// </summary>
    public const int Rounds = 6;

    /// <summary>A round of rehearsals that compiles fewer methods than this found the import compiled.</summary>
    private const long Settled = 100;

    /// <summary>No rehearsal starts after this long: the warm-up holds back readiness, so it is bounded.</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once the warm-up has finished, failed or was turned off.</summary>
    public bool IsDone => _done.Task.IsCompleted;

    /// <summary>Rehearsals finished so far.</summary>
    public int Rehearsals { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var rows = configuration.GetValue("Import:WarmUpRows", 0);
        if (rows <= 0)
        {
            _done.TrySetResult();
            return;
        }

        try
        {
            await index.WhenReady.WaitAsync(stoppingToken);
            var summary = await RunAsync(rows, Rounds, stoppingToken);

            // The buffers imports fill are made full size now, while nothing waits, and kept (KeptBetweenImports): about
            // 46 MB more resident once ready (715 MB against 669 MB at 2.2 M), and the first 100,000-row import allocated
            // 174 MB instead of 272-276 MB, with 29,000-34,000 page faults instead of 52,000-54,000 (docs/benchmarks.md,
            // 2026-12-04). The changed rows' chunks too: about 22 MB more.
            ImportStaging.Prepare();
            ImportNewRows.Prepare();
            ImportChangedRows.Prepare();

            // The rehearsals' buffers are garbage now; one compacting collection returns them before the instance is
            // ready, as after the index build (issue 14: the resident set at 2.2 M stays under 1 GiB; measured about
            // 140 MB higher without it). The first import faults part of that memory in again: measured on two cores,
            // 42,000 page faults in the first 100,000-row import, 26,000-33,000 after a collection that keeps the memory
            // (GCCollectionMode.Forced), a few hundred in the import after it; but with Forced the resident set once
            // ready was 729-804 MB instead of 656 MB, and two runs (84 % and 98 % of the PostgreSQL floor) are too few
            // to tell a faster first import from this machine's noise, so the memory goes back.
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            logger.LogInformation(
                "Import warm-up: {Rounds} rounds of rehearsals ({Rows} new rows; {Stored} stored rows changed, {Updated} read as updated, then as they are, {Unchanged} read as unchanged), rolled back, in {Seconds:F1} s; {Methods} methods compiled; {State}; imports run on {Threads} threads at nice {Niceness}",
                summary.Rounds, summary.Rows, summary.StoredRows, summary.StoredUpdated, summary.StoredUnchanged, summary.Seconds, summary.CompiledMethods,
                summary.Settled ? "the last round found the import compiled" : "the JIT was still compiling",
                scheduler.MaximumConcurrencyLevel, scheduler.Niceness);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            logger.LogWarning(e, "Import warm-up failed; the first import compiles its code as it goes");
        }
        finally
        {
            _done.TrySetResult();
        }
    }

    /// <summary>
    /// Rehearses the import <paramref name="rounds"/> times, waiting for the JIT after each round; reports whether the
    /// last round compiled next to nothing. A round imports <paramref name="rows"/> generated new rows and, where the
    /// database holds people with a digest, up to as many of them changed and then as they are
    /// (<see cref="ImportWarmUpFiles"/>), so the changed and unchanged rows' code is compiled too. Every rehearsal is
    /// rolled back; the changed one holds its rows' locks until then (a write to the same people waits that long).
    /// </summary>
    /// <exception cref="InvalidOperationException">The new rows were not all read as new: the generated file is no longer what the import reads.</exception>
    public async Task<ImportWarmUpSummary> RunAsync(int rows, int rounds, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var compiledBefore = JitInfo.GetCompiledMethodCount();
        await catalog.EnsureFreshAsync(ct);
        var skills = catalog.All.Take(30).Select(s => s.Name).ToArray();
        List<ExportRow> stored;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
            await db.Database.OpenConnectionAsync(ct);
            stored = await ImportWarmUpFiles.StoredAsync((NpgsqlConnection)db.Database.GetDbConnection(), rows, ct);
        }

        var changedFile = stored.Count > 0 ? ImportWarmUpFiles.Stored(stored, catalog, changed: true) : null;
        var unchangedFile = stored.Count > 0 ? ImportWarmUpFiles.Stored(stored, catalog, changed: false) : null;
        var done = 0;
        var settled = false;
        (int Updated, int Unchanged) storedOutcome = (0, 0);
        while (done < rounds && Stopwatch.GetElapsedTime(started) < MaxDuration)
        {
            var roundStart = JitInfo.GetCompiledMethodCount();
            var fresh = await RehearseAsync(ImportWarmUpFiles.NewRows(rows, skills, Guid.NewGuid().ToString("N")[..12]), ct);
            if (fresh.Inserted != rows)
            {
                throw new InvalidOperationException(
                    $"The warm-up file was not read as {rows} new rows: {fresh.Inserted} inserted, {fresh.RejectedCount} rejected"
                    + (fresh.Rejected.Count > 0 ? $" (line {fresh.Rejected[0].Line}: {fresh.Rejected[0].Message})." : "."));
            }

            // Stored rows read back otherwise (a skill no longer in the catalogue, a digest from before a change of
            // the import's rules) still rehearse the code; the summary says how they were read.
            if (changedFile is not null && unchangedFile is not null)
            {
                storedOutcome = ((await RehearseAsync(changedFile, ct)).Updated, (await RehearseAsync(unchangedFile, ct)).Unchanged);
            }

            await QuietAsync(ct);
            done++;
            Rehearsals++;
            settled = JitInfo.GetCompiledMethodCount() - roundStart < Settled;
        }

        return new ImportWarmUpSummary(
            done, rows, stored.Count, storedOutcome.Updated, storedOutcome.Unchanged, Stopwatch.GetElapsedTime(started).TotalSeconds,
            JitInfo.GetCompiledMethodCount() - compiledBefore, settled);
    }

    /// <summary>One rehearsal of <paramref name="content"/>, rolled back.</summary>
    private async Task<ImportResult> RehearseAsync(byte[] content, CancellationToken ct)
    {
        using var file = new MemoryStream(content);
        await using var scope = scopes.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ProfessionalImport>().RehearseAsync(file, ct)).Result;
    }

    /// <summary>Waits (at most 20 s) until the JIT compiles next to nothing in half a second (its counters are then armed).</summary>
    private static async Task QuietAsync(CancellationToken ct)
    {
        var last = JitInfo.GetCompiledMethodCount();
        for (var i = 0; i < 40; i++)
        {
            await Task.Delay(500, ct);
            var now = JitInfo.GetCompiledMethodCount();
            if (now - last <= 2)
            {
                return;
            }

            last = now;
        }
    }
}
