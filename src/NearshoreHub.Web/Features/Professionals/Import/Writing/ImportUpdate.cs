using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Rows the lookup found stored with another digest (<see cref="ImportRouter"/>), inside the import's transaction: they
/// go by COPY into the temporary table import_changes under their stored ids while the file is read, a chunk at a time
/// between the new rows' chunks (<see cref="StageAsync"/>; staged after reading, as until 2026-12-02, they kept the
/// connection idle while a file that lists them first was read), then one <c>UPDATE … FROM</c> writes every data column (the statement the changed-rows floor of product spec §15 measures), and their skill rows are brought to
/// the file's by writing only the difference (<see cref="ImportSkillDiff"/>). No plan is needed: the digest already
/// said which rows changed.
/// </summary>
internal sealed class ImportUpdate(NpgsqlConnection connection)
{
    private static readonly string UpdatedValues = string.Join(", ", ProfessionalsTable.DataColumns.Split(", ").Select(c => "x." + c));

    private bool _created;

    /// <summary>Time the connection spent staging changed rows while the file was read.</summary>
    public long StageTicks { get; private set; }

    /// <summary>Copies changed rows (the staging table's format, stored ids) into import_changes, creating it first.</summary>
    public async Task StageAsync(ImportCopyBuffer rows, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (!_created)
        {
            await ImportSql.ExecuteAsync(connection, ImportRowEncoder.CreateStagingTable.Replace("import_rows", "import_changes", StringComparison.Ordinal), ct);
            _created = true;
        }

        await ImportSql.CopyAsync(connection, $"COPY import_changes ({ImportRowEncoder.StagingColumns}) FROM STDIN (FORMAT BINARY)", rows, ct);
        StageTicks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
    }

    /// <summary>Updates the staged rows (every changed row the router found); returns how many.</summary>
    public async Task<int> UpdateAsync(ImportRouter routed, ImportPhases phases, DateTimeOffset now, CancellationToken ct)
    {
        var rows = routed.ChangedIds.Count;
        var lookUp = await ImportSql.LookUpByIndexAsync(connection, rows, ct);
        await ImportSql.ExecuteAsync(connection, lookUp
            ? "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off"
            : "SET LOCAL default_statistics_target = 10; ANALYZE import_changes", ct);
        phases.End(lookUp ? "plan changed rows (index lookups)" : "analyze changed rows");

        var updated = await ImportSql.ExecuteAsync(connection, $"""
            UPDATE professionals p SET ({ProfessionalsTable.DataColumns}, updated_at) = ROW({UpdatedValues}, @now)
            FROM import_changes x WHERE p.id = x.id
            """, ct, new NpgsqlParameter<DateTimeOffset>("now", now));
        if (updated != rows)
        {
            // A row found while reading was deleted before this statement: its new skill rows would have no owner.
            throw new DuplicateException("Another write removed some of these professionals while the import ran; nothing was written. Import the file again.");
        }

        phases.End("update professionals");
        var (deleted, changed, inserted) = await new ImportSkillDiff(connection).ApplyAsync(routed.ChangedSkills, ct);
        if (lookUp)
        {
            await ImportSql.ExecuteAsync(connection, "SET LOCAL enable_hashjoin = on; SET LOCAL enable_mergejoin = on", ct);
        }

        phases.End($"skill rows: {deleted} deleted, {changed} updated, {inserted} inserted");
        return updated;
    }
}
