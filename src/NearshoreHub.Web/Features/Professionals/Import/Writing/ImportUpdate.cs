using System.Diagnostics;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Rows the lookup found stored with another digest (<see cref="ImportRouter"/>), inside the import's transaction,
/// written while the file is read, a chunk at a time between the new rows' chunks (<see cref="ApplyAsync"/>): the chunk
/// goes by COPY into the temporary table import_changes under the stored ids, an <c>UPDATE … FROM</c> writes every data
/// column (the statement the changed-rows floor of product spec §15 measures) but, for rows whose digests say so, the
/// ones the generated columns are computed from (<see cref="UpdateButGeneratedInputs"/>), and the skill rows of the chunk's rows
/// whose skills differ (their digests say which, <see cref="ImportChangedRows"/>) are brought to the file's by writing
/// only the difference (<see cref="ImportSkillDiff"/>). Until 2026-12-03 the rows were only staged
/// while reading and updated after it: a file listing its changed rows first left the connection idle while they were
/// read, and the update and skill rows then came on top of the new rows' writing. No plan is needed: the digest already
/// said which rows changed, and each is found by its primary key.
/// </summary>
internal sealed class ImportUpdate(NpgsqlConnection connection, DateTimeOffset now)
{
    /// <summary>Every data column of the rows found by id, from the staged values (a condition on the stored row follows).</summary>
    private static readonly string Update = UpdateOf(ProfessionalsTable.DataColumns);

    /// <summary>
    /// The same for rows whose digests say the generated columns' inputs are the same (inputs_same): every data column
    /// but those, so PostgreSQL computes neither generated column again: about a quarter of the statement's time
    /// (tests/NearshoreHub.Benchmarks/Compare/generated-inputs-update.sh, docs/benchmarks.md).
    /// </summary>
    private static readonly string UpdateButGeneratedInputs = UpdateOf(ProfessionalsTable.DataColumnsButGeneratedInputs) + " AND x.inputs_same";

    private bool _started;

    /// <summary>Time the connection spent on changed rows (staging, update, skill rows) while the file was read.</summary>
    public long Ticks { get; private set; }

    /// <summary>Of <see cref="Ticks"/>: the chunks' COPYs into import_changes, and the UPDATEs of professionals.</summary>
    public long CopyTicks { get; private set; }

    public long UpdateTicks { get; private set; }

    /// <summary>Chunks written so far, and when the first began (a <see cref="Stopwatch"/> timestamp; 0 if none did).</summary>
    public int Chunks { get; private set; }

    public long FirstAt { get; private set; }

    /// <summary>Rows updated so far.</summary>
    public int Updated { get; private set; }

    /// <summary>Rows of those updated without the generated columns' inputs (<see cref="UpdateButGeneratedInputs"/>).</summary>
    public int NarrowUpdated { get; private set; }

    /// <summary>Skill rows of changed professionals deleted, updated and inserted so far.</summary>
    public (int Deleted, int Updated, int Inserted) SkillRows { get; private set; }

    /// <summary>Writes one chunk of changed rows (<see cref="ImportChangedRows"/>: stored ids, and what their digests say about their skills).</summary>
    public async Task ApplyAsync(ImportChangedRows chunk, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        FirstAt = FirstAt == 0 ? started : FirstAt;
        Chunks++;
        if (!_started)
        {
            // Each row is found by its primary key; the planner would rather hash the whole table. Set back by CompleteAsync.
            await ImportSql.ExecuteAsync(connection, ImportChangedRows.CreateTable + "; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off", ct);
            _started = true;
        }

        var copying = Stopwatch.GetTimestamp();
        await ImportSql.CopyAsync(connection, $"COPY import_changes ({ImportChangedRows.Columns}) FROM STDIN (FORMAT BINARY)", chunk.Rows, ct);
        var updating = Stopwatch.GetTimestamp();
        CopyTicks += updating - copying;
        var updated = 0;
        if (chunk.InputsSame > 0)
        {
            updated = await ImportSql.ExecuteAsync(connection, $"{UpdateButGeneratedInputs} AND p.import_hash = x.seen_hash", ct, new NpgsqlParameter<DateTimeOffset>("now", now));
            NarrowUpdated += updated;
        }

        if (chunk.InputsSame < chunk.Count)
        {
            updated += await ImportSql.ExecuteAsync(connection, $"{Update} AND NOT x.inputs_same AND p.import_hash = x.seen_hash", ct, new NpgsqlParameter<DateTimeOffset>("now", now));
        }

        if (updated != chunk.Count)
        {
            await UpdateChangedSinceLookupAsync(chunk, ct);
            updated = chunk.Count;
        }

        UpdateTicks += Stopwatch.GetTimestamp() - updating;

        var (deleted, changed, inserted) = await new ImportSkillDiff(connection).ApplyAsync(chunk, ct);
        await ImportSql.ExecuteAsync(connection, "TRUNCATE import_changes", ct);
        Updated += updated;
        SkillRows = (SkillRows.Deleted + deleted, SkillRows.Updated + changed, SkillRows.Inserted + inserted);
        Ticks += Stopwatch.GetTimestamp() - started;
    }

    /// <summary>
    /// The rows the first statement left alone because another write committed a change to them after the lookup saw
    /// them (their digest no longer the one seen): written all the same, as the file says (the import is the later
    /// write), and marked so their skills are compared with the stored rows (their lists staged now where they were left
    /// out, <see cref="StageListsAsync"/>). A row another write made exactly what the
    /// file says needs no writing. A row removed since stops the import (409): its new skill rows would have no owner.
    /// </summary>
    private async Task UpdateChangedSinceLookupAsync(ImportChangedRows chunk, CancellationToken ct)
    {
        int written, removed;
        Guid[] listless;
        await using (var command = new NpgsqlCommand($"""
            WITH written AS ({Update} AND p.import_hash IS DISTINCT FROM x.import_hash RETURNING p.id, x.skill_packed IS NULL AS listless),
                 marked AS (UPDATE import_changes c SET skills_differ = true FROM written w WHERE c.id = w.id)
            SELECT (SELECT count(*) FROM written)::integer,
                   (SELECT count(*) FROM import_changes x WHERE NOT EXISTS (SELECT FROM professionals p WHERE p.id = x.id))::integer,
                   ARRAY(SELECT id FROM written WHERE listless)
            """, connection) { CommandTimeout = 0 })
        {
            command.Parameters.Add(new NpgsqlParameter<DateTimeOffset>("now", now));
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            (written, removed, listless) = (reader.GetInt32(0), reader.GetInt32(1), reader.GetFieldValue<Guid[]>(2));
        }

        if (removed > 0)
        {
            throw new DuplicateException("Another write removed some of these professionals while the import ran; nothing was written. Import the file again.");
        }

        if (listless.Length > 0)
        {
            await StageListsAsync(listless, chunk.Skills, ct);
        }

        chunk.MarkChangedSinceLookup(written);
    }

    /// <summary>
    /// The file's skill lists of rows staged without them (their digests said the skills were the same) that another write
    /// changed after all: put into import_changes, packed (<see cref="ImportSkillDiff.Pack"/>), so the skill rows can be compared with them.
    /// </summary>
    private async Task StageListsAsync(Guid[] owners, Dictionary<Guid, ImportSkillList> lists, CancellationToken ct)
    {
        List<Guid> skillOwners = [];
        List<long> packed = [];
        foreach (var owner in owners)
        {
            var list = lists[owner];
            for (var k = 0; k < list.SkillIds.Length; k++)
            {
                skillOwners.Add(owner);
                packed.Add(ImportSkillDiff.Pack(list.SkillIds[k], list.Levels[k], list.Years[k]));
            }
        }

        await ImportSql.ExecuteAsync(connection, """
            UPDATE import_changes x SET skill_packed = coalesce(f.packed, '{}'::bigint[])
            FROM unnest(@owners) AS o(id)
            LEFT JOIN (SELECT owner, array_agg(entry ORDER BY entry) AS packed FROM unnest(@skillOwners, @packed) AS u(owner, entry) GROUP BY owner) f
                   ON f.owner = o.id
            WHERE x.id = o.id
            """, ct, new NpgsqlParameter<Guid[]>("owners", owners), new NpgsqlParameter<Guid[]>("skillOwners", [.. skillOwners]),
            new NpgsqlParameter<long[]>("packed", [.. packed]));
    }

    private static string UpdateOf(string columns) => $"""
        UPDATE professionals p SET ({columns}, updated_at) = ROW({string.Join(", ", columns.Split(", ").Select(c => "x." + c))}, @now)
        FROM import_changes x WHERE p.id = x.id
        """;

    /// <summary>After the last chunk: the planner chooses joins again for the rest of the transaction.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_started)
        {
            await ImportSql.ExecuteAsync(connection, "SET LOCAL enable_hashjoin = on; SET LOCAL enable_mergejoin = on", ct);
        }
    }
}
