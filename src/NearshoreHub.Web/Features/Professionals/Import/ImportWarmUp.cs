using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure.Threading;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>What a warm-up did: rehearsals of so many rows, how long, how many methods the JIT compiled meanwhile, and whether the last rehearsal compiled next to nothing.</summary>
public sealed record ImportWarmUpSummary(int Rounds, int Rows, double Seconds, long CompiledMethods, bool Settled);

/// <summary>
/// Compiles the import before the first file arrives. A fresh process runs its code unoptimised first and recompiles
/// the hot parts in the background: measured on two cores, the first import of 100,000 rows after a start spent over a
/// second of CPU in the JIT, on the cores that check the file and let PostgreSQL write it. So, once the ranking index is
/// built, the import is rehearsed on a generated file of <c>Import:WarmUpRows</c> new rows (0 turns this off; the tests
/// run without), each rehearsal rolled back (<see cref="ProfessionalImport.RehearseAsync"/>): nothing stays, nothing is
/// announced or audited, until a rehearsal finds the code compiled. Until then the instance is not ready
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

    /// <summary>A rehearsal that compiles fewer methods than this found the import compiled.</summary>
    private const long Settled = 100;

    /// <summary>No rehearsal starts after this long: the warm-up holds back readiness, so it is bounded.</summary>
    private static readonly TimeSpan MaxDuration = TimeSpan.FromSeconds(60);

    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>True once the warm-up has finished, failed or was turned off.</summary>
    public bool IsDone => _done.Task.IsCompleted;

    /// <summary>Rehearsals finished so far.</summary>
    public int Rehearsals { get; private set; }

    private static readonly (string Country, string City, string Zone)[] Places =
    [
        ("BR", "Campina Grande", "America/Recife"), ("AR", "Córdoba", "America/Argentina/Cordoba"), ("MX", "Mérida", "America/Merida"),
        ("CO", "Manizales", "America/Bogota"), ("PE", "Arequipa", "America/Lima"),
    ];

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
                "Import warm-up: {Rounds} rehearsals of {Rows} rows, rolled back, in {Seconds:F1} s; {Methods} methods compiled; {State}; imports run on {Threads} threads at nice {Niceness}",
                summary.Rounds, summary.Rows, summary.Seconds, summary.CompiledMethods,
                summary.Settled ? "the last rehearsal found the import compiled" : "the JIT was still compiling",
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
    /// Rehearses the import <paramref name="rounds"/> times on <paramref name="rows"/> generated new rows, waiting for
    /// the JIT after each; reports whether the last rehearsal compiled next to nothing.
    /// </summary>
    public async Task<ImportWarmUpSummary> RunAsync(int rows, int rounds, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var compiledBefore = JitInfo.GetCompiledMethodCount();
        await catalog.EnsureFreshAsync(ct);
        var skills = catalog.All.Take(30).Select(s => s.Name).ToArray();
        var done = 0;
        var settled = false;
        while (done < rounds && Stopwatch.GetElapsedTime(started) < MaxDuration)
        {
            var roundStart = JitInfo.GetCompiledMethodCount();
            using (var file = new MemoryStream(Generate(rows, skills, Guid.NewGuid().ToString("N")[..12])))
            await using (var scope = scopes.CreateAsyncScope())
            {
                var outcome = await scope.ServiceProvider.GetRequiredService<ProfessionalImport>().RehearseAsync(file, ct);
                if (outcome.Result.Inserted != rows)
                {
                    throw new InvalidOperationException(
                        $"The warm-up file was not read as {rows} new rows: {outcome.Result.Inserted} inserted, {outcome.Result.RejectedCount} rejected"
                        + (outcome.Result.Rejected.Count > 0 ? $" (line {outcome.Result.Rejected[0].Line}: {outcome.Result.Rejected[0].Message})" : "") + ".");
                }
            }

            await QuietAsync(ct);
            done++;
            Rehearsals++;
            settled = JitInfo.GetCompiledMethodCount() - roundStart < Settled;
        }

        return new ImportWarmUpSummary(done, rows, Stopwatch.GetElapsedTime(started).TotalSeconds, JitInfo.GetCompiledMethodCount() - compiledBefore, settled);
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

    /// <summary>A file in the import format: <paramref name="rows"/> people with emails no one else has (the token).</summary>
    internal static byte[] Generate(int rows, string[] skills, string token)
    {
        var text = new StringBuilder(rows * 300);
        text.Append(string.Join(',', ProfessionalCsv.Columns)).Append("\r\n");
        var random = new Random(rows);
        for (var i = 0; i < rows; i++)
        {
            var (country, city, zone) = Places[i % Places.Length];
            var first = random.Next(skills.Length);
            var skillList = string.Join(';', Enumerable.Range(0, Math.Min(3 + random.Next(8), skills.Length))
                .Select(k => $"{skills[(first + k) % skills.Length]}:{1 + random.Next(5)}:{random.Next(20)}"));
            var values = ProfessionalCsv.Columns.Select(column => column switch
            {
                "fullName" => $"Warm Up {i}",
                "email" => $"warm-up.{token}.{i}@nearshorehub.invalid",
                "headline" => "Software engineer",
                "country" => country,
                "city" => city,
                "cityPopulation" => (50_000 + random.Next(900_000)).ToString(CultureInfo.InvariantCulture),
                "isRural" => random.Next(4) == 0 ? "true" : "false",
                "timeZone" => zone,
                "workStart" => "09:00",
                "workEnd" => "18:00",
                "workingDays" => "Mon;Tue;Wed;Thu;Fri",
                "skills" => skillList.Contains(',', StringComparison.Ordinal) ? $"\"{skillList.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : skillList,
                "englishLevel" => random.Next(2) == 0 ? "B2" : "C1",
                "seniority" => random.Next(2) == 0 ? "mid" : "senior",
                "hourlyRateUsd" => $"{20 + random.Next(80)}.50",
                "availableFrom" => "2027-01-04",
                "hoursPerWeek" => "40",
                "status" => "active",
                _ => "",
            });
            text.Append(string.Join(',', values)).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
