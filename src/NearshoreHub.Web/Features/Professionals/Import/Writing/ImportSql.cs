using NearshoreHub.Web.Data;
using NearshoreHub.Web.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>The import's statements run without a timeout, and write conflicts read as what they are.</summary>
internal static class ImportSql
{
    /// <summary>Runs <paramref name="sql"/>; returns the rows it wrote.</summary>
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        try
        {
            return await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (Conflict(e) is { } conflict)
        {
            throw conflict;
        }
    }

    /// <summary>One binary COPY of rows encoded beforehand, with the format's header and trailer.</summary>
    public static async Task CopyAsync(NpgsqlConnection connection, string copySql, ImportCopyBuffer rows, CancellationToken ct)
    {
        try
        {
            await using var copy = await connection.BeginRawBinaryCopyAsync(copySql, ct);
            await copy.WriteAsync(ImportCopyBuffer.Header.ToArray(), ct);
            await copy.WriteAsync(rows.Written, ct);
            await copy.WriteAsync(ImportCopyBuffer.Trailer.ToArray(), ct);
        }
        catch (PostgresException e) when (Conflict(e) is { } conflict)
        {
            throw conflict;
        }
    }

    /// <summary>
    /// Skill rows by COPY, the two foreign keys checked once for the set instead of per row where the session may: every
    /// owner is a row this transaction wrote, and the skills are locked FOR KEY SHARE as the trigger would lock them.
    /// The session's row triggers are left as they were: the changed rows' skill rows are written between the new rows'
    /// chunks, which may have turned them off for the transaction. They are set for this COPY only
    /// (<see cref="ProfessionalsTable.RowTriggersForOneCopyAsync"/>): where they are off and a skill is gone, they go on,
    /// so its foreign key reports it.
    /// </summary>
    public static async Task CopySkillsAsync(NpgsqlConnection connection, ImportCopyBuffer rows, IReadOnlyCollection<int> skillIds, CancellationToken ct)
    {
        var restore = await ProfessionalsTable.RowTriggersForOneCopyAsync(connection, SkillsExist(skillIds), ct);
        await CopyAsync(connection, ProfessionalsTable.CopySkills, rows, ct);
        if (restore is not null)
        {
            await ProfessionalsTable.RestoreRowTriggersAsync(connection, restore, ct);
        }
    }

    /// <summary>A condition that holds when every one of <paramref name="skillIds"/> exists, which it locks FOR KEY SHARE as a foreign-key trigger would.</summary>
    public static string SkillsExist(IReadOnlyCollection<int> skillIds) =>
        $"(SELECT count(*) FROM (SELECT id FROM skills WHERE id = ANY('{{{string.Join(',', skillIds)}}}'::integer[]) FOR KEY SHARE) k) = {skillIds.Count}";

    /// <summary>
    /// True when <paramref name="rows"/> are under a tenth of professionals (by the planner's own row estimate): then
    /// looking each row up in its unique index beats hashing the whole table, which the planner picks anyway.
    /// </summary>
    public static async Task<bool> LookUpByIndexAsync(NpgsqlConnection connection, int rows, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ProfessionalsTable.EstimatedRows, connection);
        return await command.ExecuteScalarAsync(ct) is float estimate && rows * 10L < estimate;
    }

    /// <summary>A statement's or COPY's failure that is a write conflict with another writer, as the answer names it; else null.</summary>
    public static DuplicateException? Conflict(PostgresException e) => e.SqlState switch
    {
        PostgresErrorCodes.UniqueViolation =>
            new DuplicateException("Another write added a professional with one of these emails while the import ran. Import the file again."),

        // Two imports writing the same emails in different orders wait on each other and PostgreSQL ends one: the same
        // conflict as above, which left unmapped read as "the database is unavailable" (503).
        PostgresErrorCodes.DeadlockDetected =>
            new DuplicateException("Another import or write changed some of these professionals at the same time; nothing was written. Import the file again."),
        _ => null,
    };
}
