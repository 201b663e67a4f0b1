using System.Diagnostics;
using System.Globalization;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Features.Professionals;
using Npgsql;
using NpgsqlTypes;

namespace NearshoreHub.Benchmarks.Search;

/// <summary>
/// Two ways to write changed rows whose generated columns' inputs and skills are the same (a file that changes rates),
/// in chunks of 4,096 as the import writes them, PostgreSQL's side and the client's encoding timed together:
/// <list type="bullet">
/// <item><b>staged</b>, as ImportUpdate does: a binary COPY of every staged column into import_changes
/// (<see cref="ImportChangedRows.CreateTable"/>), the <c>UPDATE … FROM</c> without the generated columns' inputs
/// (<see cref="ProfessionalsTable.DataColumnsButGeneratedInputs"/>), then <c>TRUNCATE</c>;</item>
/// <item><b>arrays</b>: the same <c>UPDATE</c> from <c>unnest</c> of one array parameter per column, no temporary table.</item>
/// </list>
/// <code>dotnet run -c Release --project tests/NearshoreHub.Benchmarks -- changed-writes --connection "Host=…;Database=nearshorehub;…" [--rounds 10]</code>
/// Every professional (at most 50,000) gets its rate raised by one; each measurement is rolled back, the order alternates,
/// after two untimed rounds of each.
/// </summary>
public static class ChangedRowsWriteShapes
{
    private const int Chunk = 4096;

    private static readonly string[] Narrow = ProfessionalsTable.DataColumnsButGeneratedInputs.Split(", ");

    private static readonly string Set =
        $"({ProfessionalsTable.DataColumnsButGeneratedInputs}, updated_at) = ROW({string.Join(", ", Narrow.Select(c => "x." + c))}, now())";

    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);

        if (!options.TryGetValue("connection", out var connection))
        {
            Console.WriteLine("changed-writes --connection \"Host=…;Database=nearshorehub;…\" [--rounds 10]");
            return 2;
        }

        var rounds = int.Parse(options.GetValueOrDefault("rounds", "10"), CultureInfo.InvariantCulture);
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var rows = await ReadAsync(db);
        Console.WriteLine($"changed-writes: {rows.Count:N0} professionals, rate raised by one, chunks of {Chunk:N0}, two untimed rounds, then {rounds} (each rolled back)…");
        // Two untimed rounds of each first: the client's code is compiled and PostgreSQL's caches are warm for both alike.
        for (var warmUp = 0; warmUp < 2; warmUp++)
        {
            await MeasureAsync(db, rows, staged: true);
            await MeasureAsync(db, rows, staged: false);
        }

        var (staged, arrays) = (new List<double>(), new List<double>());
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var shape in round % 2 == 1 ? ["staged", "arrays"] : new[] { "arrays", "staged" })
            {
                var ms = await MeasureAsync(db, rows, shape == "staged");
                (shape == "staged" ? staged : arrays).Add(ms);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"changed-writes: round {round}, {shape}: {ms:F0} ms"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"CHANGED WRITES: {rows.Count:N0} rows; staged (COPY + UPDATE + TRUNCATE) median {Median(staged):F0} ms, p95 {P95(staged):F0} ms; arrays (UPDATE FROM unnest) median {Median(arrays):F0} ms, p95 {P95(arrays):F0} ms"));
        return 0;
    }

    /// <summary>Every professional's staged values (id, then the data columns in their order), the rate raised.</summary>
    private static async Task<List<object[]>> ReadAsync(NpgsqlConnection db)
    {
        var columns = ProfessionalsTable.DataColumns.Replace("hourly_rate_usd", "hourly_rate_usd + 1", StringComparison.Ordinal);
        await using var command = new NpgsqlCommand($"SELECT id, {columns} FROM professionals ORDER BY id LIMIT 50000", db);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object[]>();
        while (await reader.ReadAsync())
        {
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
            rows.Add(values);
        }

        return rows;
    }

    private static async Task<double> MeasureAsync(NpgsqlConnection db, List<object[]> rows, bool staged)
    {
        await using var transaction = await db.BeginTransactionAsync();
        await ExecuteAsync(db, "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off" + (staged ? "; " + ImportChangedRows.CreateTable : ""));
        var clock = Stopwatch.StartNew();
        for (var start = 0; start < rows.Count; start += Chunk)
        {
            var chunk = rows.GetRange(start, Math.Min(Chunk, rows.Count - start));
            var updated = staged ? await StagedAsync(db, chunk, start) : await ArraysAsync(db, chunk);
            if (updated != chunk.Count)
            {
                throw new InvalidOperationException($"{(staged ? "staged" : "arrays")}: {updated} of {chunk.Count} rows updated");
            }
        }

        var ms = clock.Elapsed.TotalMilliseconds;
        await transaction.RollbackAsync();
        return ms;
    }

    private static async Task<int> StagedAsync(NpgsqlConnection db, List<object[]> chunk, int line)
    {
        await using (var copy = await db.BeginBinaryImportAsync($"COPY import_changes ({ImportChangedRows.Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in chunk)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(line++, NpgsqlDbType.Integer);
                foreach (var value in row)
                {
                    await copy.WriteAsync(value);
                }

                // The digest seen, skills_differ, inputs_same, no skill list (the same skills).
                await copy.WriteAsync(row[^1]);
                await copy.WriteAsync(false);
                await copy.WriteAsync(true);
                await copy.WriteNullAsync();
            }

            await copy.CompleteAsync();
        }

        var updated = await ExecuteAsync(db, $"UPDATE professionals p SET {Set} FROM import_changes x WHERE p.id = x.id AND x.inputs_same AND p.import_hash = x.seen_hash");
        await ExecuteAsync(db, "TRUNCATE import_changes");
        return updated;
    }

    private static async Task<int> ArraysAsync(NpgsqlConnection db, List<object[]> chunk)
    {
        var data = ProfessionalsTable.DataColumns.Split(", ");
        var sql = $"""
            UPDATE professionals p SET {Set}
            FROM unnest(@id, {string.Join(", ", Narrow.Select(c => "@" + c))}, @seen_hash) AS x(id, {ProfessionalsTable.DataColumnsButGeneratedInputs}, seen_hash)
            WHERE p.id = x.id AND p.import_hash = x.seen_hash
            """;
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        command.Parameters.Add(Column<Guid>("id", chunk, 0));
        foreach (var column in Narrow)
        {
            var at = Array.IndexOf(data, column) + 1;
            command.Parameters.Add(chunk[0][at] switch
            {
                bool => Column<bool>(column, chunk, at),
                TimeOnly => Column<TimeOnly>(column, chunk, at),
                short => Column<short>(column, chunk, at),
                decimal => Column<decimal>(column, chunk, at),
                DateOnly => Column<DateOnly>(column, chunk, at),
                int => Column<int>(column, chunk, at),
                byte[] => Column<byte[]>(column, chunk, at),
                _ => Column<string>(column, chunk, at),
            });
        }

        command.Parameters.Add(Column<byte[]>("seen_hash", chunk, data.Length));
        return await command.ExecuteNonQueryAsync();
    }

    private static NpgsqlParameter<T[]> Column<T>(string name, List<object[]> chunk, int at) => new(name, chunk.Select(row => (T)row[at]).ToArray());

    private static async Task<int> ExecuteAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 0 };
        return await command.ExecuteNonQueryAsync();
    }

    private static double Median(List<double> values) => At(values, 0.5);

    private static double P95(List<double> values) => At(values, 0.95);

    private static double At(List<double> values, double q)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
