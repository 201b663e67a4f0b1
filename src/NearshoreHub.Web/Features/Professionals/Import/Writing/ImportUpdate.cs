using System.Diagnostics;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Rows the lookup found stored with another digest (<see cref="ImportRouter"/>), inside the import's transaction,
/// written while the file is read, a chunk at a time between the new rows' chunks (<see cref="ApplyAsync"/>): the chunk
/// goes by COPY into the temporary table import_changes under the stored ids, one <c>UPDATE … FROM</c> writes every data
/// column (the statement the changed-rows floor of product spec §15 measures), and the chunk's skill rows are brought to
/// the file's by writing only the difference (<see cref="ImportSkillDiff"/>). Until 2026-12-03 the rows were only staged
/// while reading and updated after it: a file listing its changed rows first left the connection idle while they were
/// read, and the update and skill rows then came on top of the new rows' writing. No plan is needed: the digest already
/// said which rows changed, and each is found by its primary key.
/// </summary>
internal sealed class ImportUpdate(NpgsqlConnection connection, DateTimeOffset now)
{
    private static readonly string UpdatedValues = string.Join(", ", ProfessionalsTable.DataColumns.Split(", ").Select(c => "x." + c));

    private bool _started;

    /// <summary>Time the connection spent on changed rows (staging, update, skill rows) while the file was read.</summary>
    public long Ticks { get; private set; }

    /// <summary>Chunks written so far, and when the first began (a <see cref="Stopwatch"/> timestamp; 0 if none did).</summary>
    public int Chunks { get; private set; }

    public long FirstAt { get; private set; }

    /// <summary>Rows updated so far.</summary>
    public int Updated { get; private set; }

    /// <summary>Skill rows of changed professionals deleted, updated and inserted so far.</summary>
    public (int Deleted, int Updated, int Inserted) SkillRows { get; private set; }

    /// <summary>
    /// Writes one chunk of changed rows (<paramref name="rows"/>: the staging table's format, stored ids; <paramref name="skills"/>:
    /// their skill lists as the file gives them, by stored id).
    /// </summary>
    public async Task ApplyAsync(ImportCopyBuffer rows, Dictionary<Guid, ImportSkillList> skills, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        FirstAt = FirstAt == 0 ? started : FirstAt;
        Chunks++;
        if (!_started)
        {
            // Each row is found by its primary key; the planner would rather hash the whole table. Set back by CompleteAsync.
            await ImportSql.ExecuteAsync(connection, ImportRowEncoder.CreateStagingTable.Replace("import_rows", "import_changes", StringComparison.Ordinal)
                + "; SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off", ct);
            _started = true;
        }

        await ImportSql.CopyAsync(connection, $"COPY import_changes ({ImportRowEncoder.StagingColumns}) FROM STDIN (FORMAT BINARY)", rows, ct);
        var updated = await ImportSql.ExecuteAsync(connection, $"""
            UPDATE professionals p SET ({ProfessionalsTable.DataColumns}, updated_at) = ROW({UpdatedValues}, @now)
            FROM import_changes x WHERE p.id = x.id
            """, ct, new NpgsqlParameter<DateTimeOffset>("now", now));
        if (updated != skills.Count)
        {
            // A row found while reading was deleted before this statement: its new skill rows would have no owner.
            throw new DuplicateException("Another write removed some of these professionals while the import ran; nothing was written. Import the file again.");
        }

        var (deleted, changed, inserted) = await new ImportSkillDiff(connection).ApplyAsync(skills, ct);
        await ImportSql.ExecuteAsync(connection, "TRUNCATE import_changes", ct);
        Updated += updated;
        SkillRows = (SkillRows.Deleted + deleted, SkillRows.Updated + changed, SkillRows.Inserted + inserted);
        Ticks += Stopwatch.GetTimestamp() - started;
    }

    /// <summary>After the last chunk: the planner chooses joins again for the rest of the transaction.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        if (_started)
        {
            await ImportSql.ExecuteAsync(connection, "SET LOCAL enable_hashjoin = on; SET LOCAL enable_mergejoin = on", ct);
        }
    }
}
