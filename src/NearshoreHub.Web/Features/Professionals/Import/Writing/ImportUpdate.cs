using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Rows the lookup found stored with another digest (<see cref="ImportRouter"/>), inside the import's transaction: they
/// go by COPY into the temporary table import_changes under their stored ids, one <c>UPDATE … FROM</c> writes every
/// data column (the statement the changed-rows floor of product spec §15 measures), and their skill rows are brought to
/// the file's by writing only the difference (<see cref="ImportSkillDiff"/>). No plan is needed: the digest already
/// said which rows changed.
/// </summary>
internal sealed class ImportUpdate(NpgsqlConnection connection, ImportPhases phases)
{
    private static readonly string UpdatedValues = string.Join(", ", ProfessionalsTable.DataColumns.Split(", ").Select(c => "x." + c));

    public async Task<int> UpdateAsync(ImportRouter routed, DateTimeOffset now, CancellationToken ct)
    {
        var rows = routed.ChangedIds.Count;
        await ImportSql.ExecuteAsync(connection, ImportRowEncoder.CreateStagingTable.Replace("import_rows", "import_changes", StringComparison.Ordinal), ct);
        await ImportSql.CopyAsync(connection, $"COPY import_changes ({ImportRowEncoder.StagingColumns}) FROM STDIN (FORMAT BINARY)", routed.Changed, ct);
        var lookUp = await ImportSql.LookUpByIndexAsync(connection, rows, ct);
        await ImportSql.ExecuteAsync(connection, lookUp
            ? "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off"
            : "SET LOCAL default_statistics_target = 10; ANALYZE import_changes", ct);
        phases.End("stage changed rows");

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
