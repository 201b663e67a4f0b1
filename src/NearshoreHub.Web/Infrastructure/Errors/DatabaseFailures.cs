using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace NearshoreHub.Web.Infrastructure;

/// <summary>Recognises "the database is not there right now" however deep EF Core wraps it.</summary>
public static class DatabaseFailures
{
    /// <summary>Connect timeout when the connection string sets none: Npgsql's 15 s would hold requests far too long during an outage.</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    /// <summary>
    /// Npgsql throws NpgsqlException (inner SocketException) on a refused connection, PostgresException 57P01 on
    /// connections cut by a shutdown, and EF Core's default execution strategy wraps either in an
    /// InvalidOperationException ("likely due to a transient failure"); DbUpdateException wraps them on writes.
    /// </summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case PostgresException postgres:
                    // 08: connection exceptions; 57P: admin/crash shutdown, cannot connect now.
                    return postgres.IsTransient || postgres.SqlState.StartsWith("08", StringComparison.Ordinal) || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal);
                case NpgsqlException { IsTransient: true }:
                case TimeoutException:
                case SocketException:
                    return true;
                case NpgsqlException:
                    continue;
            }
        }

        return false;
    }

    /// <summary>The connection string with a short connect timeout unless it names one itself.</summary>
    public static string WithConnectTimeout(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Equals("Timeout", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { Timeout = DefaultConnectTimeoutSeconds }.ConnectionString;
    }
}
