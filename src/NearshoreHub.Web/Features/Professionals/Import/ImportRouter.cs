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
    NpgsqlConnection lookups, ImportNewRows newRows, ImportUpdate changes, int changedChunk, ImportRejections rejections, bool stopAtFirstRejection)
{
    private const string LookUp = "SELECT normalized_email, id, import_hash FROM professionals WHERE normalized_email = ANY(@emails)";

    /// <summary>
    /// For the rows the lookup found with another digest (changed rows): their digest again and their skill rows, read
    /// in one statement and so from one snapshot (<see cref="ImportUpdate"/> relies on that). Reading them here, beside
    /// the import, took them off the writing connection (about 0.3 s per 50,000 changed rows there). The three
    /// aggregates take the same rows in the same order, so their arrays line up.
    /// </summary>
    private const string LookUpChanged = """
        SELECT p.id, p.import_hash, k.skill_ids, k.levels, k.years
        FROM professionals p CROSS JOIN LATERAL (
            SELECT array_agg(s.skill_id) AS skill_ids, array_agg(s.level) AS levels, array_agg(s.years) AS years
            FROM professional_skills s WHERE s.professional_id = p.id) k
        WHERE p.id = ANY(@ids)
        """;

    private readonly Dictionary<string, int> _firstLine = new(StringComparer.Ordinal);
    private readonly List<int> _kept = new(ImportBatch.Size);

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

    /// <summary>Changed rows not yet handed over (<see cref="ImportUpdate.ApplyAsync"/>), in the staging table's format with the stored id.</summary>
    private ImportCopyBuffer _changed = new();

    /// <summary>Their skill lists (ordered by skill id) under their stored ids, for <see cref="ImportSkillDiff"/>.</summary>
    private Dictionary<Guid, ImportSkillList> _changedSkills = [];

    /// <summary>Their stored skill rows as the lookup read them, under their stored ids.</summary>
    private Dictionary<Guid, ImportSkillList> _storedSkills = [];

    public long LookUpTicks { get; private set; }

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
            else if (stored.Hash.AsSpan().SequenceEqual(row.Professional.ImportHash))
            {
                Unchanged++;
            }
            else
            {
                ImportRowEncoder.EncodeChanged(_changed, row with { Id = stored.Id }, stored.Hash);
                _changedSkills[stored.Id] = new ImportSkillList(row.SkillIds, row.SkillLevels, row.SkillYears);
                _storedSkills[stored.Id] = stored.Skills
                    ?? throw new InvalidOperationException($"The lookup of line {row.Line} did not read the stored skill rows of a changed row.");
                ChangedIds.Add(stored.Id);
            }
        }

        await newRows.FlushIfFullAsync(ct);
        if (_changedSkills.Count >= changedChunk)
        {
            await ApplyChangesAsync(ct);
        }
    }

    /// <summary>After the last batch: hands over the changed rows left, then waits for every write.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_changedSkills.Count > 0 && !(stopAtFirstRejection && rejections.Count > 0))
        {
            await ApplyChangesAsync(ct);
        }

        await newRows.CompleteAsync(ct);
        await changes.CompleteAsync(ct);
    }

    /// <summary>
    /// Hands the changed rows so far to the import's connection, which updates them between the new rows' chunks: while
    /// the file is read, not after it, so a file that lists its changed rows first keeps the connection busy from the start.
    /// </summary>
    private Task ApplyChangesAsync(CancellationToken ct)
    {
        var (rows, skills, stored) = (_changed, _changedSkills, _storedSkills);
        (_changed, _changedSkills, _storedSkills) = (new ImportCopyBuffer(), new(changedChunk), new(changedChunk));
        return newRows.HandOverAsync(token => changes.ApplyAsync(rows, skills, stored, token), ct);
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

        await using (var command = new NpgsqlCommand(LookUp, lookups) { CommandTimeout = 0 })
        {
            command.Parameters.Add(new NpgsqlParameter<string[]>("emails", emails));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                batch.Found[reader.GetString(0)] = new ImportStoredRow(reader.GetGuid(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2), null);
            }
        }

        // Changed rows (by any row of their email: RouteAsync keeps the first and rejects the others).
        Dictionary<Guid, string>? changed = null;
        foreach (var row in batch.Valid)
        {
            var email = row.Professional.NormalizedEmail;
            if (batch.Found.TryGetValue(email, out var stored) && stored.Hash is { } hash && !hash.AsSpan().SequenceEqual(row.Professional.ImportHash))
            {
                (changed ??= [])[stored.Id] = email;
            }
        }

        if (changed is not null)
        {
            await ReadChangedAsync(batch, changed, ct);
        }

        LookUpTicks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
    }

    /// <summary>
    /// Puts the changed rows' stored skill rows, and the digest read with them, in <see cref="ImportBatch.Found"/>. A row
    /// another write changed since the lookup is routed by the digest read here (unchanged if it now holds the file's
    /// row); one deleted since, or left without a digest, keeps the first digest (and no skill rows), so the UPDATE does
    /// not take it and <see cref="ImportUpdate"/> looks again.
    /// </summary>
    private async Task ReadChangedAsync(ImportBatch batch, Dictionary<Guid, string> changed, CancellationToken ct)
    {
        await using (var command = new NpgsqlCommand(LookUpChanged, lookups) { CommandTimeout = 0 })
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. changed.Keys]));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetGuid(0);
                var email = changed[id];
                var skills = reader.IsDBNull(2) ? ImportSkillList.None
                    : new ImportSkillList(reader.GetFieldValue<int[]>(2), reader.GetFieldValue<short[]>(3), reader.GetFieldValue<short[]>(4));
                batch.Found[email] = new ImportStoredRow(id, reader.IsDBNull(1) ? batch.Found[email].Hash : (byte[])reader.GetValue(1), skills);
                changed.Remove(id);
            }
        }

        foreach (var (id, email) in changed)
        {
            batch.Found[email] = batch.Found[email] with { Skills = ImportSkillList.None };
        }
    }
}

/// <summary>
/// A row the lookup found stored: its id and digest and, when the file's digest differs from it, its stored skill rows
/// (none stored: <see cref="ImportSkillList.None"/>).
/// </summary>
internal readonly record struct ImportStoredRow(Guid Id, byte[]? Hash, ImportSkillList? Skills);
