using System.Text;
using NearshoreHub.Web.Data;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// What reading left: the valid rows (repeats excluded), the new ones already written with their ids, the unchanged
/// ones, and the rows staged in import_rows for the merge (with how the merge should find them in professionals).
/// </summary>
internal readonly record struct StagedRows(int Rows, ImportRouter Routed, ImportUpdate Changes, int Staged, bool LookUpByIndex);

/// <summary>
/// Rows per batch (what a worker checks at once) and per chunk of new rows (what PostgreSQL writes at once), each with
/// a smaller first one, so PostgreSQL starts writing soon after the file starts arriving.
/// </summary>
internal readonly record struct ImportSizes(int FirstBatch, int Batch, int FirstChunk, int Chunk)
{
    /// <summary>
    /// New rows' chunks grow from 512 rows to 16,384 (<see cref="ImportNewRows.ChunkRows"/>; one goes part-filled when
    /// PostgreSQL's connection has nothing left to write, <see cref="ImportNewRows.HandOverNow"/>); changed rows' chunks too
    /// (<see cref="ImportRouter"/>). With chunks of 4,096 PostgreSQL's writer took longer for the same 100,000 new rows in 8 of 9 interleaved
    /// pairs on two cores, median 2.89 s against 2.46 s (docs/benchmarks.md, 2026-12-03 16:35–17:07 UTC).
    /// </summary>
    public static readonly ImportSizes Import = new(512, ImportBatch.Size, 512, 16_384);

    /// <summary>
    /// For <see cref="ImportWarmUp"/>'s rehearsals: small batches and chunks, so the code run once per batch or chunk is
    /// called as often as the JIT needs to optimise it fully (it counts calls, not rows). With the import's sizes a
    /// rehearsal of 8,192 rows called it 4 times, and during the first real import after a start (100,000 rows, two
    /// cores) the JIT's background thread still took 0.41–0.65 s of CPU; with these, 0.22–0.41 s (0.06–0.12 s in the
    /// import after it).
    /// </summary>
    public static readonly ImportSizes Rehearsal = new(64, 128, 128, 256);

    /// <summary>
    /// COPY bytes a row is expected to take in professionals, and its skill rows in professional_skills (about 340 and
    /// 275 in the import benchmark's files): the buffers kept between imports are made this large per row of a full
    /// batch or chunk before the first import (<see cref="ImportWarmUp"/>). Wider rows grow them as before.
    /// </summary>
    public const int ExpectedRowBytes = 448, ExpectedSkillBytes = 320;

    /// <summary>Makes a pair of buffers (professionals, skill rows) ready for <paramref name="rows"/> rows of the expected width.</summary>
    public static void Prepare(ImportCopyBuffer professionals, ImportCopyBuffer skills, int rows)
    {
        Prepare(professionals, rows);
        skills.Prepare(rows * ExpectedSkillBytes);
    }

    /// <summary>Makes a buffer of professionals' rows ready for <paramref name="rows"/> rows of the expected width (the changed rows' chunks have no skill buffer).</summary>
    public static void Prepare(ImportCopyBuffer professionals, int rows) => professionals.Prepare(rows * ExpectedRowBytes);

    /// <summary>Whether a buffer of professionals' rows for <paramref name="rows"/> rows is worth keeping (as below, for one buffer).</summary>
    public static bool Keepable(ImportCopyBuffer professionals, int rows) => professionals.Capacity <= 2 * rows * ExpectedRowBytes;

    /// <summary>Whether a pair of buffers for <paramref name="rows"/> rows is worth keeping: not grown past twice the expected width (a file of very wide rows).</summary>
    public static bool Keepable(ImportCopyBuffer professionals, ImportCopyBuffer skills, int rows) =>
        Keepable(professionals, rows) && skills.Capacity <= 2 * rows * ExpectedSkillBytes;
}

/// <summary>
/// The import's first half, inside its transaction: the body is read record by record, each batch checked with the
/// API's rules and encoded on a worker thread and its rows looked up by email, then routed in file order
/// (<see cref="ImportRouter"/>): new rows are
/// written chunk by chunk while the next batches are read and checked (<see cref="ImportNewRows"/>); rows that exist
/// without a stored digest go by COPY into the temporary table import_rows for the merge (rows with another digest are
/// updated by <see cref="ImportUpdate"/>); unchanged rows are not written at all.
/// </summary>
internal sealed class ImportStaging(NpgsqlConnection connection, ImportRowEncoder encoder, ImportRejections rejections, ImportPhases phases, ImportSizes sizes)
{
    /// <summary>Batches kept for the next import: as many as one import has in flight on this machine, and the one being filled.</summary>
    private static readonly KeptBetweenImports<ImportBatch> KeptBatches = new(Environment.ProcessorCount + 2);

    /// <summary>
    /// Fills the batches kept between imports, their COPY buffers made for a full batch at the expected row width and
    /// written once (<see cref="ImportNewRows.Prepare"/> does the same for the new rows' chunks).
    /// </summary>
    public static void Prepare() => KeptBatches.Fill(() => new ImportBatch(), batch => ImportSizes.Prepare(batch.Copy, batch.Skills, ImportBatch.Size));

    public async Task<StagedRows> StageAsync(Stream body, DateTimeOffset now, bool atomic, CancellationToken ct)
    {
        await using var lookups = await ImportRouter.OpenLookupsAsync(connection, ct);
        var newRows = new ImportNewRows(connection, sizes);
        var changes = new ImportUpdate(connection, now);
        var router = new ImportRouter(lookups, newRows, changes, sizes, rejections, atomic);
        await ReadAsync(body, now, router, newRows, changes, ct);
        await lookups.CloseAsync();
        if (atomic && rejections.Count > 0)
        {
            return new StagedRows(router.Rows, router, changes, 0, false);
        }

        var lookUp = false;
        if (router.StagedRows > 0)
        {
            await ImportSql.ExecuteAsync(connection, ImportRowEncoder.CreateStagingTable, ct);
            await ImportSql.CopyAsync(connection, $"COPY import_rows ({ImportRowEncoder.StagingColumns}) FROM STDIN (FORMAT BINARY)", router.Staged, ct);
            phases.End("stage existing rows");

            // Looking each email up in its unique index beats hashing the whole table until the file holds a sizeable
            // share of it (measured at 2.2 M: 90 k lookups 1.6 s, the hash join's full scan 2.3 s), but the planner
            // always picks the scan: it is told here.
            lookUp = await LookUpByIndexAsync(router.StagedRows, ct);
            if (!lookUp)
            {
                // The hash join's plan needs row counts and that emails are distinct: a 3,000-row sample says as much
                // as the default 30,000 at a tenth of the time. Forced index lookups need no statistics.
                await ImportSql.ExecuteAsync(connection, "SET LOCAL default_statistics_target = 10; ANALYZE import_rows", ct);
                phases.End("analyze");
            }
        }

        return new StagedRows(router.Rows, router, changes, router.StagedRows, lookUp);
    }

    private async Task ReadAsync(Stream body, DateTimeOffset now, ImportRouter router, ImportNewRows newRows, ImportUpdate changes, CancellationToken ct)
    {
        long checkTicks = 0, waitTicks = 0, copyTicks = 0;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        using (var text = new StreamReader(body, new UTF8Encoding(false, throwOnInvalidBytes: true), false, 64 * 1024))
        {
            var csv = new CsvRecordReader(text);
            var fields = new List<string>(32);
            if (!await csv.ReadAsync(fields, ct))
            {
                throw new CsvFormatException("The file is empty: the first line must be the header " + string.Join(",", ProfessionalCsv.Columns) + ".");
            }

            if (fields.Count > 0)
            {
                fields[0] = fields[0].TrimStart('\uFEFF');
            }

            var positions = ProfessionalCsv.MapHeader(fields, out var headerProblem)
                ?? throw new CsvFormatException("Line 1: " + headerProblem);
            var width = fields.Count;

            // This thread parses the file; workers check and encode whole batches in the COPY's binary format; the
            // batches are routed in file order and their new rows go out while PostgreSQL ingests them on its own core.
            var inFlight = new Queue<Task<ImportBatch>>();
            try
            {
                var idle = new Stack<ImportBatch>();

                // Batches being checked at once: enough to keep every core busy, except while new rows are being
                // written: PostgreSQL's backend then needs a core of its own, and on two cores a third checking thread
                // made the writes take a third longer than PostgreSQL alone (measured: 3.1-3.3 s against 2.4-2.5 s).
                int MaxInFlight() => newRows.IsWriting ? Math.Max(1, Environment.ProcessorCount - 1) : Math.Max(3, Environment.ProcessorCount + 1);
                async Task SendOldestAsync()
                {
                    var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                    var done = await inFlight.Dequeue();
                    var t1 = System.Diagnostics.Stopwatch.GetTimestamp();
                    foreach (var rejection in done.Rejections)
                    {
                        rejections.Add(rejection.Line, rejection.Field, rejection.Message);
                    }

                    await router.RouteAsync(done, ct);
                    copyTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t1;
                    waitTicks += t1 - t0;
                    checkTicks += done.CheckTicks;

                    done.Clear();
                    idle.Push(done);
                }

                // Each batch is looked up as soon as it is checked, one lookup at a time and in file order. It is checked
                // where the import runs (the bulk-work threads, see ProfessionalImport), not on the thread pool.
                Task lookedUp = Task.CompletedTask;
                Task<ImportBatch> CheckAndLookUp(ImportBatch toCheck)
                {
                    var checking = Task.Factory.StartNew(() => encoder.Encode(toCheck, positions, now), ct, TaskCreationOptions.DenyChildAttach, TaskScheduler.Current);
                    var looking = router.LookUpAfterAsync(lookedUp, checking, ct);
                    lookedUp = looking;
                    return looking;
                }

                ImportBatch Take() => idle.Count > 0 ? idle.Pop() : KeptBatches.TryTake() ?? new ImportBatch();
                var batch = Take();
                var first = true;
                while (await csv.ReadAsync(fields, ct))
                {
                    var line = csv.RecordLine;
                    if (fields.Count == 1 && fields[0].Length == 0)
                    {
                        continue;
                    }

                    if (fields.Count == width)
                    {
                        batch.Add(line, fields);
                    }
                    else
                    {
                        batch.Records.Add((line, null, $"Expected {width} fields as in the header, found {fields.Count}."));
                    }

                    foreach (var field in fields)
                    {
                        batch.Chars += field.Length;
                    }

                    // A batch is also cut by size, so rows of long fields never hold more than a few MB per batch.
                    if (batch.Records.Count == (first ? sizes.FirstBatch : sizes.Batch) || batch.Chars >= ImportBatch.MaxChars)
                    {
                        var full = batch;
                        first = false;
                        inFlight.Enqueue(CheckAndLookUp(full));
                        while (inFlight.Count >= MaxInFlight())
                        {
                            await SendOldestAsync();
                        }

                        // A batch already checked goes on at once, so its new rows reach PostgreSQL before the queue fills.
                        while (inFlight.Count > 0 && inFlight.Peek().IsCompleted)
                        {
                            await SendOldestAsync();
                        }

                        batch = Take();
                    }
                }

                var last = batch;
                inFlight.Enqueue(CheckAndLookUp(last));
                while (inFlight.Count > 0)
                {
                    await SendOldestAsync();
                }

                await router.CompleteAsync(ct);

                // Every batch is back and cleared: kept for the next import unless a file of very wide rows grew it.
                foreach (var done in idle)
                {
                    if (ImportSizes.Keepable(done.Copy, done.Skills, ImportBatch.Size))
                    {
                        KeptBatches.Keep(done);
                    }
                }
            }
            catch
            {
                // The lookup connection and the import's must be idle before either goes back to its pool.
                await ((Task)Task.WhenAll(inFlight)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                await newRows.AbandonAsync();
                throw;
            }
        }

        phases.End($"read+check+write new rows (check {ImportPhases.Ms(checkTicks)} ms on workers, lookups {ImportPhases.Ms(router.LookUpTicks)} ms after them, "
            + $"waited {ImportPhases.Ms(waitTicks)} ms for both, routing {ImportPhases.Ms(copyTicks)} ms, of which waiting for writes {ImportPhases.Ms(newRows.WaitTicks)} ms; writing new rows {ImportPhases.Ms(newRows.WriteTicks)} ms from {(newRows.FirstWriteAt == 0 ? 0 : ImportPhases.Ms(newRows.FirstWriteAt - started))} ms on, idle {ImportPhases.Ms(newRows.IdleTicks)} ms between chunks (professionals {ImportPhases.Ms(newRows.ProfessionalsTicks)} ms, skill rows {ImportPhases.Ms(newRows.SkillTicks)} ms); changed rows written in {ImportPhases.Ms(changes.Ticks)} ms (COPY {ImportPhases.Ms(changes.CopyTicks)} ms, UPDATE {ImportPhases.Ms(changes.UpdateTicks)} ms) from {(changes.FirstAt == 0 ? 0 : ImportPhases.Ms(changes.FirstAt - started))} ms on ({changes.Updated} rows in {changes.Chunks} chunks, {changes.NarrowUpdated} without the generated columns' inputs; skill rows {changes.SkillRows.Deleted} deleted, {changes.SkillRows.Updated} updated, {changes.SkillRows.Inserted} inserted); {router.InsertedIds.Count} new, {router.Unchanged} unchanged, {router.StagedRows} to merge)");
    }

    private Task<bool> LookUpByIndexAsync(int rows, CancellationToken ct) => ImportSql.LookUpByIndexAsync(connection, rows, ct);
}
