using NearshoreHub.Web.Data;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Sends each checked batch, in file order, where its rows belong: a repeated email is rejected (the first row with an
/// email wins); the others are looked up by email on a second connection (committed rows only; outside the import's
/// transaction, which writes nothing a lookup could need: repeats within the file are caught here). A row not found is
/// new and its professionals row goes straight into the COPY the import holds open (<see cref="ImportStaging"/>); its
/// skill rows are kept for one COPY after it. A row found with the same digest is unchanged and costs nothing more; one with another digest is
/// kept, under its stored id, for <see cref="ImportUpdate"/>; one stored without a digest for the staging table and the
/// set-based merge, which compares it column by column (<see cref="ImportMerge"/>).
/// </summary>
internal sealed class ImportRouter(NpgsqlConnection lookups, ImportRejections rejections, bool stopAtFirstRejection)
{
    private const string LookUp = "SELECT normalized_email, id, import_hash FROM professionals WHERE normalized_email = ANY(@emails)";

    private readonly Dictionary<string, int> _firstLine = new(StringComparer.Ordinal);
    private readonly HashSet<int> _newSkillIds = [];
    private readonly List<string> _emails = new(ImportBatch.Size);
    private readonly List<int> _kept = new(ImportBatch.Size);
    private readonly Dictionary<string, (Guid Id, byte[]? Hash)> _found = new(StringComparer.Ordinal);
    private readonly HashSet<int> _changedSkillIds = [];

    /// <summary>Valid rows, repeats excluded.</summary>
    public int Rows { get; private set; }

    public int Unchanged { get; private set; }

    public List<Guid> InsertedIds { get; } = [];

    /// <summary>The new rows' professional_skills rows, in file order.</summary>
    public ImportCopyBuffer NewSkills { get; } = new();

    /// <summary>Rows that exist without a stored digest (the merge compares them column by column), in the staging table's format.</summary>
    public ImportCopyBuffer Staged { get; } = new();

    /// <summary>Rows stored with another digest, in the staging table's format with the stored id.</summary>
    public ImportCopyBuffer Changed { get; } = new();

    /// <summary>The changed rows' new professional_skills rows, under their stored ids.</summary>
    public ImportCopyBuffer ChangedSkills { get; } = new();

    public List<Guid> ChangedIds { get; } = [];

    public IReadOnlyCollection<int> ChangedSkillIds => _changedSkillIds;

    public int StagedRows { get; private set; }

    /// <summary>Every skill id the new rows hold, for checking the foreign keys once.</summary>
    public IReadOnlyCollection<int> NewSkillIds => _newSkillIds;

    public long LookUpTicks { get; private set; }

    public async Task RouteAsync(ImportBatch batch, NpgsqlRawCopyStream copy, CancellationToken ct)
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
        int runStart = 0, runEnd = 0;
        foreach (var i in _kept)
        {
            var row = batch.Valid[i];
            if (!_found.TryGetValue(row.Professional.NormalizedEmail, out var stored))
            {
                if (runEnd != row.RowStart)
                {
                    await WriteAsync(copy, batch, runStart, runEnd, ct);
                    runStart = row.RowStart;
                }

                runEnd = row.RowEnd;
                NewSkills.Append(batch.Skills.Written.Span[row.SkillStart..row.SkillEnd]);
                _newSkillIds.UnionWith(row.SkillIds);
                InsertedIds.Add(row.Id);
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
                for (var k = 0; k < row.SkillIds.Length; k++)
                {
                    ChangedSkills.StartRow(4);
                    ChangedSkills.Uuid(stored.Id);
                    ChangedSkills.Int32(row.SkillIds[k]);
                    ChangedSkills.SmallInt(row.SkillLevels[k]);
                    ChangedSkills.SmallInt(row.SkillYears[k]);
                }

                _changedSkillIds.UnionWith(row.SkillIds);
                ChangedIds.Add(stored.Id);
            }
        }

        await WriteAsync(copy, batch, runStart, runEnd, ct);
    }

    private static async Task WriteAsync(NpgsqlRawCopyStream copy, ImportBatch batch, int start, int end, CancellationToken ct)
    {
        if (end > start)
        {
            await copy.WriteAsync(batch.Copy.Written[start..end], ct);
        }
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
