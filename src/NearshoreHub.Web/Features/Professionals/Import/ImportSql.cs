using NearshoreHub.Web.Infrastructure;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>The import's statements run without a timeout, and write conflicts read as what they are.</summary>
internal static class ImportSql
{
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        command.Parameters.AddRange(parameters);
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (Conflict(e) is { } conflict)
        {
            throw conflict;
        }
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
