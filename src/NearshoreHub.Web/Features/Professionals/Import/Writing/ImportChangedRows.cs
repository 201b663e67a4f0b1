using NearshoreHub.Web.Data;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// One chunk of changed rows (stored with another digest) on its way to <see cref="ImportUpdate"/>, in the format of
/// the temporary table import_changes: the staging table's columns but the skill arrays
/// (<see cref="ImportRowEncoder.StagedRowColumns"/>) under the stored ids, then the digest the lookup saw (seen_hash),
/// whether the row's skills differ from the stored ones (skills_differ), as the two digests say
/// (<see cref="ProfessionalImportHash.CompareSkills"/>), and whether the columns the generated ones are computed from
/// are the same (inputs_same, <see cref="ProfessionalImportHash.SameGeneratedInputs"/>: the update then leaves them out,
/// <see cref="ImportUpdate"/>), then the skill list, each entry packed into one bigint (skill_packed,
/// <see cref="ImportSkillDiff.Pack"/>), staged only for rows whose skills differ, or may (NULL otherwise). Only those
/// rows have their skill rows visited (<see cref="ImportSkillDiff"/>), which knows which of them have another set of
/// skills without asking PostgreSQL unless some row's stored digest predates the skill parts. A file that changes only
/// rates so writes no skill row and reads none. What the lookup saw is only what was committed then: the update writes
/// a row only if its digest is still the one seen, and a row another write changed since then is compared skill by
/// skill (<see cref="MarkChangedSinceLookup"/>). Chunks are kept for the next chunk and import (<see cref="Take"/>,
/// <see cref="Keep"/>), as the new rows' are. Until 2026-12-05 the list was staged as three arrays besides (ids, levels,
/// years): a third of the COPY of rows whose skills differ (docs/benchmarks.md).
/// </summary>
internal sealed class ImportChangedRows
{
    /// <summary>
    /// Chunks kept between chunks and imports: as many as one import has at once (two handed over, one being filled,
    /// as <see cref="ImportNewRows"/>). A new buffer for every chunk cost a 50,000-row file of changed rows about 40 MB
    /// of fresh large-object memory, a page fault per 4 KB.
    /// </summary>
    private static readonly KeptBetweenImports<ImportChangedRows> Kept = new(3);

    /// <summary>import_changes: the staging table's columns but its skill arrays, then seen_hash, skills_differ, inputs_same and skill_packed.</summary>
    public const string CreateTable = $"""
        CREATE TEMP TABLE import_changes ({ImportRowEncoder.StagedRowColumnTypes},
            seen_hash bytea NOT NULL, skills_differ boolean NOT NULL, inputs_same boolean NOT NULL, skill_packed bigint[]) ON COMMIT DROP
        """;

    public const string Columns = ImportRowEncoder.StagedRowColumns + ", seen_hash, skills_differ, inputs_same, skill_packed";

    /// <summary>The rows, in import_changes' format.</summary>
    public ImportCopyBuffer Rows { get; } = new();

    /// <summary>The file's skill lists (ordered by skill id) of every row in the chunk, by stored id.</summary>
    public Dictionary<Guid, ImportSkillList> Skills { get; } = [];

    /// <summary>Rows in the chunk.</summary>
    public int Count => Skills.Count;

    /// <summary>Rows whose generated columns' inputs are the same as the stored ones', by their digests (inputs_same).</summary>
    public int InputsSame { get; private set; }

    /// <summary>Whether some row's skills differ from the stored ones, or may.</summary>
    public bool SkillsDiffer => _differ > 0;

    private int _differ;

    /// <summary>Rows whose set of skills differs, by their digests.</summary>
    public List<Guid> OtherSets { get; } = [];

    /// <summary>Whether some row's skills must be compared with the stored ones to tell whether their set differs.</summary>
    public bool SetsUnknown { get; private set; }

    /// <summary>An empty chunk for about <paramref name="rows"/> rows: a kept one if any is left, else a new one.</summary>
    public static ImportChangedRows Take(int rows)
    {
        var chunk = Kept.TryTake() ?? new ImportChangedRows();
        chunk.Skills.EnsureCapacity(rows);
        return chunk;
    }

    /// <summary>
    /// Keeps <paramref name="chunk"/>, emptied, for the next chunk once it is written, unless a file of very wide rows
    /// grew its buffer past twice a full chunk at the expected width.
    /// </summary>
    public static void Keep(ImportChangedRows chunk)
    {
        if (ImportSizes.Keepable(chunk.Rows, ImportSizes.Import.Chunk))
        {
            chunk.Clear();
            Kept.Keep(chunk);
        }
    }

    /// <summary>
    /// Fills the chunks kept with buffers for a full chunk of an import at the expected row width, their memory written
    /// once (<see cref="ImportCopyBuffer.Prepare"/>), before the first import (<see cref="ImportWarmUp"/>).
    /// </summary>
    public static void Prepare() => Kept.Fill(() => new ImportChangedRows(), chunk =>
    {
        ImportSizes.Prepare(chunk.Rows, ImportSizes.Import.Chunk);
        chunk.Skills.EnsureCapacity(ImportSizes.Import.Chunk);
    });

    private void Clear()
    {
        Rows.Clear();
        Skills.Clear();
        OtherSets.Clear();
        _differ = 0;
        InputsSame = 0;
        SetsUnknown = false;
    }

    /// <summary>Adds <paramref name="row"/>, stored under <paramref name="storedId"/> with the digest <paramref name="storedHash"/>.</summary>
    public void Add(in ImportRow row, Guid storedId, byte[] storedHash)
    {
        var change = ProfessionalImportHash.CompareSkills(storedHash, row.Professional.ImportHash);
        var differ = change != ImportSkillChange.None;
        // Rows whose skills are the same go without their list: less to copy (measured in psql, 50,000 rows, when the
        // list was three arrays: 118 ms with them, 75 ms without). Should another write change them after all, it is filled in.
        var inputsSame = ProfessionalImportHash.SameGeneratedInputs(storedHash, row.Professional.ImportHash);
        ImportRowEncoder.EncodeStagedRow(Rows, row with { Id = storedId }, moreColumns: 4);
        Rows.Bytes(storedHash);
        Rows.Bool(differ);
        Rows.Bool(inputsSame);
        if (differ)
        {
            var packed = row.SkillIds.Length <= 64 ? stackalloc long[row.SkillIds.Length] : new long[row.SkillIds.Length];
            for (var k = 0; k < packed.Length; k++)
            {
                packed[k] = ImportSkillDiff.Pack(row.SkillIds[k], row.SkillLevels[k], row.SkillYears[k]);
            }

            Rows.Int64Array(packed);
        }
        else
        {
            Rows.Null();
        }

        InputsSame += inputsSame ? 1 : 0;
        Skills[storedId] = new ImportSkillList(row.SkillIds, row.SkillLevels, row.SkillYears);
        _differ += differ ? 1 : 0;
        if (change == ImportSkillChange.Set)
        {
            OtherSets.Add(storedId);
        }
        else if (change == ImportSkillChange.Unknown)
        {
            SetsUnknown = true;
        }
    }

    /// <summary>
    /// <paramref name="rows"/> rows another write changed between the lookup and the update (their stored digest no
    /// longer the one seen; marked skills_differ in import_changes): what the lookup's digest said about their skills no
    /// longer holds, so every row marked is compared with its stored skill rows.
    /// </summary>
    public void MarkChangedSinceLookup(int rows)
    {
        if (rows == 0)
        {
            return;
        }

        _differ += rows;
        SetsUnknown = true;
        OtherSets.Clear();
    }
}
