using NearshoreHub.Web.Data;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Sends each checked batch, in file order, where its rows belong: a repeated email is rejected (the first row with an
/// email wins); the others were looked up by email on a second connection as soon as their batch was checked
/// (<see cref="LookUpAfterAsync"/>; committed rows only, outside the import's transaction, which writes nothing a
/// lookup could need: repeats within the file are caught here). A row not found is
/// new and goes to <see cref="ImportNewRows"/>, which writes it while the file is still being read. A row found with
/// the same digest is unchanged and costs nothing more; one with another digest is kept, under its stored id, for
/// <see cref="ImportUpdate"/>; one stored without a digest for the staging table and the set-based merge, which
/// compares it column by column (<see cref="ImportMerge"/>).
/// </summary>
internal sealed class ImportRouter(
    NpgsqlConnection lookups, ImportNewRows newRows, ImportUpdate changes, ImportSizes sizes, ImportRejections rejections, bool stopAtFirstRejection)
{
    internal const string LookUp = "SELECT normalized_email, id, import_hash FROM professionals WHERE normalized_email = ANY(@emails)";

    private readonly Dictionary<string, int> _firstLine = new(StringComparer.Ordinal);
    private readonly List<int> _kept = new(ImportBatch.Size);

    /// <summary>Chunks of changed rows handed over so far.</summary>
    private int _changedChunks;

    /// <summary>Valid rows, repeats excluded.</summary>
    public int Rows { get; private set; }

    public int Unchanged { get; private set; }

    /// <summary>The new rows' ids, in file order (their writing is <see cref="ImportNewRows"/>'s).</summary>
    public List<Guid> InsertedIds => newRows.InsertedIds;

    /// <summary>Rows that exist without a stored digest (the merge compares them column by column), in the staging table's format.</summary>
    public ImportCopyBuffer Staged { get; } = new();

    /// <summary>The stored ids of rows stored with another digest, in file order.</summary>
    public List<Guid> ChangedIds { get; } = [];

    public int StagedRows { get; private set; }

    /// <summary>Changed rows not yet handed over (<see cref="ImportUpdate.ApplyAsync"/>); taken when the first arrives, so an import without any leaves the kept chunks alone.</summary>
    private ImportChangedRows? _changed;

    public long LookUpTicks { get; private set; }

    /// <summary>
    /// Opens the lookup connection beside the import's <paramref name="connection"/>, set to answer each batch's
    /// <see cref="LookUp"/> from the email index whatever the table's size (<see cref="ProfessionalsTable.ForIndexLookupsAsync"/>).
    /// </summary>
    public static async Task<NpgsqlConnection> OpenLookupsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var lookups = connection.CloneWith(connection.ConnectionString);
        try
        {
            await lookups.OpenAsync(ct);
            await ProfessionalsTable.ForIndexLookupsAsync(lookups, ct);
            return lookups;
        }
        catch
        {
            await lookups.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Looks up the valid rows of <paramref name="batch"/> once it is checked and the lookup of the batch before it
    /// (<paramref name="previous"/>) is done: one query at a time on the lookup connection, while the router routes
    /// earlier batches. Waiting for each batch's lookup in the router held up the rows PostgreSQL was waiting to write.
    /// </summary>
    public async Task<ImportBatch> LookUpAfterAsync(Task previous, Task<ImportBatch> batch, CancellationToken ct)
    {
        await previous;
        var done = await batch;

        // An atomic import with a rejected row writes nothing: no row of it needs looking up.
        if (!(stopAtFirstRejection && (rejections.Count > 0 || done.Rejections.Count > 0)))
        {
            await FindAsync(done, ct);
        }

        return done;
    }

    public async Task RouteAsync(ImportBatch batch, CancellationToken ct)
    {
        _kept.Clear();
        for (var i = 0; i < batch.Valid.Count; i++)
        {
            var row = batch.Valid[i];
            var email = row.Professional.NormalizedEmail;
            if (_firstLine.TryGetValue(email, out var first))
            {
                rejections.Add(row.Line, "email", $"The same email already appears on line {first} of this file.");
                continue;
            }

            _firstLine.Add(email, row.Line);
            _kept.Add(i);
        }

        Rows += _kept.Count;
        if (_kept.Count == 0 || (stopAtFirstRejection && rejections.Count > 0))
        {
            // An atomic import with a rejected row writes nothing: reading goes on only to list every rejection.
            return;
        }

        foreach (var i in _kept)
        {
            var row = batch.Valid[i];
            if (!batch.Found.TryGetValue(row.Professional.NormalizedEmail, out var stored))
            {
                newRows.Add(batch, row);
            }
            else if (stored.Hash is null)
            {
                ImportRowEncoder.EncodeStaged(Staged, row);
                StagedRows++;
            }
            else if (ProfessionalImportHash.SameRow(stored.Hash, row.Professional.ImportHash))
            {
                Unchanged++;
            }
            else
            {
                (_changed ??= ImportChangedRows.Take(ImportNewRows.ChunkRows(sizes, _changedChunks))).Add(row, stored.Id, stored.Hash);
                ChangedIds.Add(stored.Id);
            }
        }

        await newRows.FlushIfFullAsync(ct);
        if (_changed is { Count: > 0 } changed && ImportNewRows.HandOverNow(sizes, _changedChunks, changed.Count, writerIdle: !newRows.IsWriting))
        {
            await ApplyChangesAsync(ct);
        }
    }

    /// <summary>After the last batch: hands over the changed rows left, then waits for every write.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_changed is not null && stopAtFirstRejection && rejections.Count > 0)
        {
            // An atomic import with a rejected row writes nothing.
            ImportChangedRows.Keep(_changed);
            _changed = null;
        }
        else if (_changed is { Count: > 0 })
        {
            await ApplyChangesAsync(ct);
        }

        await newRows.CompleteAsync(ct);
        await changes.CompleteAsync(ct);
    }

    /// <summary>
    /// Hands the changed rows so far to the import's connection, which updates them between the new rows' chunks: while
    /// the file is read, not after it, so a file that lists its changed rows first keeps the connection busy from the start.
    /// Their chunks grow as the new rows' do and go early when the connection has nothing else to write
    /// (<see cref="ImportNewRows.HandOverNow"/>): until 2026-12-04 the first waited for 16,384 changed rows, and the
    /// connection stood idle for the first 237–282 ms of a file that begins with 50,000 of them (docs/benchmarks.md, 2026-12-04).
    /// </summary>
    private Task ApplyChangesAsync(CancellationToken ct)
    {
        var chunk = _changed!;
        _changed = null;
        _changedChunks++;
        return newRows.HandOverAsync(
            async token =>
            {
                await changes.ApplyAsync(chunk, token);
                ImportChangedRows.Keep(chunk);
            }, ct);
    }

    private async Task FindAsync(ImportBatch batch, CancellationToken ct)
    {
        if (batch.Valid.Count == 0)
        {
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var emails = new string[batch.Valid.Count];
        for (var i = 0; i < emails.Length; i++)
        {
            emails[i] = batch.Valid[i].Professional.NormalizedEmail;
        }

        await using var command = new NpgsqlCommand(LookUp, lookups) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter<string[]>("emails", emails));
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                batch.Found[reader.GetString(0)] = (reader.GetGuid(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2));
            }
        }

        LookUpTicks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
    }
}
