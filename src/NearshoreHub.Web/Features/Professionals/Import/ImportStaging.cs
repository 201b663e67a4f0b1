using System.Text;
using NearshoreHub.Web.Data;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>What staging left in import_rows: the valid rows, and how the merge should find them in professionals.</summary>
internal readonly record struct StagedRows(int Rows, bool LookUpByIndex);

/// <summary>
/// The import's first half, inside its transaction: the body is read record by record, each batch checked with the
/// API's rules and encoded on a worker thread, and the valid rows go by binary COPY into the temporary table
/// import_rows, in file order; then rows repeating an email within the file are rejected.
/// </summary>
internal sealed class ImportStaging(NpgsqlConnection connection, ImportRowEncoder encoder, ImportRejections rejections, ImportPhases phases, ILogger logger)
{
    public async Task<StagedRows> StageAsync(Stream body, DateTimeOffset now, CancellationToken ct)
    {
        await ImportSql.ExecuteAsync(connection, ImportRowEncoder.CreateStagingTable, ct);
        var (rows, possibleDuplicates) = await CopyAsync(body, now, ct);
        var staged = rows;
        // Looking each email up in its unique index beats hashing the whole table until the file holds a sizeable share
        // of it (measured at 2.2 M: 90 k lookups 1.6 s, the hash join's full scan 2.3 s), but the planner always picks
        // the scan: it is told here.
        var lookUp = await LookUpByIndexAsync(rows, ct);
        if (!lookUp)
        {
            // The hash join's plan needs row counts and that emails are distinct: a 3,000-row sample says as much as
            // the default 30,000 at a tenth of the time. Forced index lookups need no statistics.
            await ImportSql.ExecuteAsync(connection, "SET LOCAL default_statistics_target = 10; ANALYZE import_rows", ct);
            phases.End("analyze");
        }

        // Within one file the first row with an email wins; later ones are rejected like any other bad row. The
        // statement runs only when two rows' email digests were equal while reading (equal emails always are).
        if (possibleDuplicates)
        {
            await using (var duplicates = new NpgsqlCommand("""
                WITH d AS (SELECT line, min(line) OVER (PARTITION BY normalized_email) AS first FROM import_rows)
                DELETE FROM import_rows r USING d WHERE r.line = d.line AND d.line <> d.first
                RETURNING r.line, d.first
                """, connection))
            await using (var reader = await duplicates.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    rejections.Add(reader.GetInt32(0), "email", $"The same email already appears on line {reader.GetInt32(1)} of this file.");
                    staged--;
                }
            }

            phases.End("duplicates");
        }

        return new StagedRows(staged, lookUp);
    }

    private async Task<(int Rows, bool PossibleDuplicates)> CopyAsync(Stream body, DateTimeOffset now, CancellationToken ct)
    {
        long checkTicks = 0, waitTicks = 0, copyTicks = 0;
        var rows = 0;
        // 64-bit digests of the normalised emails read so far, to know whether the file can hold a duplicate at all.
        // Bounded by the body limit (about 8 bytes per 60-byte row at worst) and dropped at the first repeat.
        HashSet<ulong>? emailDigests = [];
        var possibleDuplicates = false;
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
            // encoded batches go out in file order, one write each, while PostgreSQL ingests them on its own core.
            var copy = await connection.BeginRawBinaryCopyAsync($"COPY import_rows ({ImportRowEncoder.StagingColumns}) FROM STDIN (FORMAT BINARY)", ct);
            try
            {
                await copy.WriteAsync(ImportCopyBuffer.Header.ToArray(), ct);
                var inFlight = new Queue<Task<ImportBatch>>();
                var idle = new Stack<ImportBatch>();
                var maxInFlight = Math.Max(2, Environment.ProcessorCount);
                async Task SendOldestAsync()
                {
                    var t0 = System.Diagnostics.Stopwatch.GetTimestamp();
                    var done = await inFlight.Dequeue();
                    var t1 = System.Diagnostics.Stopwatch.GetTimestamp();
                    await copy.WriteAsync(done.Copy.Written, ct);
                    copyTicks += System.Diagnostics.Stopwatch.GetTimestamp() - t1;
                    waitTicks += t1 - t0;
                    checkTicks += done.CheckTicks;
                    rows += done.Rows;
                    foreach (var digest in done.EmailDigests)
                    {
                        if (emailDigests?.Add(digest) == false)
                        {
                            possibleDuplicates = true;
                            emailDigests = null;
                        }
                    }

                    foreach (var rejection in done.Rejections)
                    {
                        rejections.Add(rejection.Line, rejection.Field, rejection.Message);
                    }

                    done.Clear();
                    idle.Push(done);
                }

                var batch = idle.Count > 0 ? idle.Pop() : new ImportBatch();
                while (await csv.ReadAsync(fields, ct))
                {
                    var line = csv.RecordLine;
                    if (fields.Count == 1 && fields[0].Length == 0)
                    {
                        continue;
                    }

                    batch.Records.Add(fields.Count == width
                        ? (line, fields.ToArray(), null)
                        : (line, null, $"Expected {width} fields as in the header, found {fields.Count}."));
                    foreach (var field in fields)
                    {
                        batch.Chars += field.Length;
                    }

                    // A batch is also cut by size, so rows of long fields never hold more than a few MB per batch.
                    if (batch.Records.Count == ImportBatch.Size || batch.Chars >= ImportBatch.MaxChars)
                    {
                        var full = batch;
                        inFlight.Enqueue(Task.Run(() => encoder.Encode(full, positions, now)));
                        if (inFlight.Count >= maxInFlight)
                        {
                            await SendOldestAsync();
                        }

                        batch = idle.Count > 0 ? idle.Pop() : new ImportBatch();
                    }
                }

                var last = batch;
                inFlight.Enqueue(Task.Run(() => encoder.Encode(last, positions, now)));
                while (inFlight.Count > 0)
                {
                    await SendOldestAsync();
                }

                await copy.WriteAsync(ImportCopyBuffer.Trailer.ToArray(), ct);
            }
            catch
            {
                // Ends the COPY without its rows (a half-written row would otherwise fail the COPY with an error that
                // hides this one); the transaction then rolls back.
                try
                {
                    await copy.CancelAsync();
                }
                catch (Exception cancel) when (cancel is PostgresException or NpgsqlException or InvalidOperationException)
                {
                    logger.LogDebug(cancel, "Cancelling the import's COPY after a failure");
                }

                throw;
            }

            await copy.DisposeAsync();
        }

        phases.End($"read+parse+validate+copy (check {ImportPhases.Ms(checkTicks)} ms on workers, waited {ImportPhases.Ms(waitTicks)} ms for them, copy writes {ImportPhases.Ms(copyTicks)} ms)");
        return (rows, possibleDuplicates);
    }

    /// <summary>True when the staged rows are under a tenth of the table (by the planner's own row estimate).</summary>
    private async Task<bool> LookUpByIndexAsync(int rows, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ProfessionalsTable.EstimatedRows, connection);
        return await command.ExecuteScalarAsync(ct) is float estimate && rows * 10L < estimate;
    }
}
