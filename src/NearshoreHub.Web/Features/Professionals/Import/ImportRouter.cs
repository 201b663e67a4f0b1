using NearshoreHub.Web.Data;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Sends each checked batch, in file order, where its rows belong: a repeated email is rejected (the first row with an
/// email wins); the others are looked up by email on a second connection (committed rows only; outside the import's
/// transaction, which writes nothing a lookup could need: repeats within the file are caught here). A row not found is
/// new and goes to <see cref="ImportNewRows"/>, which writes it while the file is still being read. A row found with
/// the same digest is unchanged and costs nothing more; one with another digest is kept, under its stored id, for
/// <see cref="ImportUpdate"/>; one stored without a digest for the staging table and the set-based merge, which
/// compares it column by column (<see cref="ImportMerge"/>).
/// </summary>
internal sealed class ImportRouter(NpgsqlConnection lookups, ImportNewRows newRows, ImportRejections rejections, bool stopAtFirstRejection)
{
    private const string LookUp = "SELECT normalized_email, id, import_hash FROM professionals WHERE normalized_email = ANY(@emails)";

    private readonly Dictionary<string, int> _firstLine = new(StringComparer.Ordinal);
    private readonly List<string> _emails = new(ImportBatch.Size);
    private readonly List<int> _kept = new(ImportBatch.Size);
    private readonly Dictionary<string, (Guid Id, byte[]? Hash)> _found = new(StringComparer.Ordinal);

    /// <summary>Valid rows, repeats excluded.</summary>
    public int Rows { get; private set; }

    public int Unchanged { get; private set; }

    /// <summary>The new rows' ids, in file order (their writing is <see cref="ImportNewRows"/>'s).</summary>
    public List<Guid> InsertedIds => newRows.InsertedIds;

    /// <summary>Rows that exist without a stored digest (the merge compares them column by column), in the staging table's format.</summary>
    public ImportCopyBuffer Staged { get; } = new();

    /// <summary>Rows stored with another digest, in the staging table's format with the stored id.</summary>
    public ImportCopyBuffer Changed { get; } = new();

    public List<Guid> ChangedIds { get; } = [];

    /// <summary>The changed rows' skill lists (ordered by skill id) under their stored ids, for <see cref="ImportSkillDiff"/>.</summary>
    public Dictionary<Guid, ImportSkillList> ChangedSkills { get; } = [];

    public int StagedRows { get; private set; }

    public long LookUpTicks { get; private set; }

    public async Task RouteAsync(ImportBatch batch, CancellationToken ct)
    {
        _emails.Clear();
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
            _emails.Add(email);
            _kept.Add(i);
        }

        Rows += _kept.Count;
        if (_kept.Count == 0 || (stopAtFirstRejection && rejections.Count > 0))
        {
            // An atomic import with a rejected row writes nothing: reading goes on only to list every rejection.
            return;
        }

        await FindAsync(ct);
        foreach (var i in _kept)
        {
            var row = batch.Valid[i];
            if (!_found.TryGetValue(row.Professional.NormalizedEmail, out var stored))
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
                ImportRowEncoder.EncodeStaged(Changed, row with { Id = stored.Id });
                ChangedSkills[stored.Id] = new ImportSkillList(row.SkillIds, row.SkillLevels, row.SkillYears);
                ChangedIds.Add(stored.Id);
            }
        }

        await newRows.FlushIfFullAsync(ct);
    }

    private async Task FindAsync(CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _found.Clear();
        await using var command = new NpgsqlCommand(LookUp, lookups) { CommandTimeout = 0 };
        command.Parameters.Add(new NpgsqlParameter<string[]>("emails", _emails.ToArray()));
        await using (var reader = await command.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                _found[reader.GetString(0)] = (reader.GetGuid(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2));
            }
        }

        LookUpTicks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
    }
}
