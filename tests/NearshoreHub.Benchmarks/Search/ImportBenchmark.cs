using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace NearshoreHub.Benchmarks.Search;

/// <summary>
/// Import throughput end to end through <c>POST /api/v1/professionals/import</c> (issue 5: at least 50,000 rows/s),
/// at whatever size the database behind the running instance has:
/// <list type="number">
/// <item><b>new</b>: a generated file of N fresh rows (every row inserted);</item>
/// <item><b>unchanged</b>: the same file again (every row unchanged, nothing written);</item>
/// <item><b>mixed</b>: the first half of that file with a changed rate and skill list, plus N/2 fresh rows
/// (half updated, half inserted);</item>
/// <item><b>rates</b> (since 2026-12-04): the second half of that file with only the rate changed (every row updated,
/// no skill changed), against the changed rows' floor alone.</item>
/// </list>
/// A warm-up import of 5,000 other rows goes first and is not counted (it pays for compiling the import's code paths).
/// Each is timed from the first byte sent to the last byte of the answer, and the answer's counts are checked.
/// After the writing imports, <c>/metrics</c> (loopback) is polled until the ranking index holds the new rows, which
/// is the "ranking index catches up" figure. Files are written to disk first, so generation is not timed.
/// With a database connection the run also measures the <b>PostgreSQL floor</b>, the baseline for "new" (product spec
/// §15): copies of the rows the new import wrote (fresh ids and emails) go into the same tables and indexes by binary
/// <c>COPY … FROM STDIN</c>, professionals then their skill rows, in one transaction that commits (then the copies are deleted). No import of new rows can beat that on
/// this database and machine, so the ratio shows how much of the import's time is the app's own. With
/// <c>--import-floors N</c> the floor is measured N times, one after the other: the ratio stays against the first (as in
/// every earlier run), and the others show how far PostgreSQL alone, doing the same work seconds later, strays from it.
/// The later ones came out slower in most runs (docs/benchmarks.md), so taking their median would flatter the import. The run then deletes
/// every row it imported (announcing the deletions to the running instance as any writer does), so repeated runs
/// measure a database of the same size; <c>--import-cleanup false</c> keeps them. Each ratio line ends with the most its
/// import could reach given the CPU the machine spent on it (<see cref="MachineCpu"/>).
/// </summary>
public static class ImportBenchmark
{
    internal const string Header =
        "fullName,email,headline,country,city,cityPopulation,isRural,timeZone,workStart,workEnd,workingDays,skills,englishLevel,seniority,hourlyRateUsd,availableFrom,hoursPerWeek,status";

    private static readonly string[] Zones = ["America/Sao_Paulo", "America/Argentina/Cordoba", "America/Mexico_City", "America/Bogota", "America/Lima"];
    private static readonly string[] Countries = ["BR", "AR", "MX", "CO", "PE"];
    private static readonly string[] Cities = ["São Paulo", "Córdoba", "Ciudad de México", "Bogotá", "Lima"];

    private static readonly string[] Skills =
    [
        "Java", "C#", "Python", "JavaScript", "TypeScript", "Go", "PostgreSQL", "React", "Kotlin", "Ruby", "Docker", "Kubernetes",
        "AWS", "SQL", "Node.js", "Spring Boot", "Terraform", "Scala", "Rust", "PHP", "Angular", "Vue.js", "Django", "GraphQL",
        "Redis", "MongoDB", "Apache Kafka", "Pandas", "Swift", ".NET",
    ];

    private static readonly string[] Headlines = ["Backend engineer", "Full-stack developer", "Data engineer", "Frontend engineer", "Platform engineer", "Mobile developer"];

    private const int WarmUpRows = 5_000;

    public sealed record Outcome(string Name, int Rows, double Seconds, int Status, int Inserted, int Updated, int Unchanged, int Rejected, double? IndexSeconds, MachineCpu.Reading? Cpu = null)
    {
        public double RowsPerSecond => Rows / Seconds;

        /// <summary>" (its CPU, … core-s, takes at least … s on … cores: at most … %)" for a ratio against <paramref name="floorSeconds"/>, or "" without a reading (<see cref="MachineCpu"/>).</summary>
        internal string Bound(double floorSeconds) => Cpu is { } cpu
            ? string.Create(CultureInfo.InvariantCulture, $" (its CPU, {cpu.BusyCoreSeconds:F2} core-s, takes at least {cpu.AtLeastSeconds:F2} s on {cpu.Cores} cores: at most {floorSeconds / cpu.AtLeastSeconds:P0})")
            : "";
    }

    /// <summary>The floor: <paramref name="Rows"/> professionals and their <paramref name="SkillRows"/> skill rows inserted by PostgreSQL alone, and the commit.</summary>
    public sealed record Floor(int Rows, long SkillRows, double ProfessionalsSeconds, double SkillsSeconds, double CommitSeconds)
    {
        public double Seconds => ProfessionalsSeconds + SkillsSeconds + CommitSeconds;

        public double RowsPerSecond => Rows / Seconds;

        /// <summary>The floor as measured until 2026-12-02 09:00 UTC: the two COPYs alone, rolled back.</summary>
        public double CopySeconds => ProfessionalsSeconds + SkillsSeconds;
    }

    /// <summary>The outcomes, the new rows' floor (the first of <paramref name="Floors"/>, which are in the order measured) and the changed rows' floor.</summary>
    public sealed record Run(IReadOnlyList<Outcome> Outcomes, IReadOnlyList<Floor> Floors, ImportChangedFloor.Result? ChangedFloor = null)
    {
        public Floor? Floor => Floors.Count == 0 ? null : Floors[0];
    }

    public static async Task<Run> RunAsync(HttpClient http, int rows, string? keepDirectory, string? connectionString, bool cleanup, bool warmUp = false, int floors = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(floors, 1);
        var directory = keepDirectory ?? Path.Combine(Path.GetTempPath(), "nearshorehub-import-bench");
        Directory.CreateDirectory(directory);
        var run = Guid.NewGuid().ToString("N")[..8];
        var fresh = Path.Combine(directory, $"import-{rows}-new-{run}.csv");
        var mixed = Path.Combine(directory, $"import-{rows}-mixed-{run}.csv");
        var rates = Path.Combine(directory, $"import-{rows}-rates-{run}.csv");
        Console.WriteLine($"import: writing {rows:N0} fresh rows to {fresh}, a half-changed, half-new file to {mixed} and the other half with new rates to {rates}");
        await WriteAsync(fresh, Enumerable.Range(0, rows).Select(i => Row(run, i, changed: false)));
        await WriteAsync(mixed, Enumerable.Range(0, rows / 2).Select(i => Row(run, i, changed: true))
            .Concat(Enumerable.Range(rows, rows - (rows / 2)).Select(i => Row(run, i, changed: false))));
        await WriteAsync(rates, Enumerable.Range(rows / 2, rows - (rows / 2)).Select(i => Row(run, i, changed: false, rateOnly: true)));

        // By default the "new" import is the first import after the app started, as issue 14 asks: the app warms its
        // import up itself at start (Import:WarmUpRows, ImportWarmUp). With --import-warm-up true a small import of other
        // rows goes first (not counted), as runs before 2026-12-02 04:00 UTC did.
        if (warmUp)
        {
            var warmUpFile = Path.Combine(directory, $"import-warm-up-{run}.csv");
            await WriteAsync(warmUpFile, Enumerable.Range(0, WarmUpRows).Select(i => Row(run + "w", i, changed: false)));
            await PostAsync(http, "warm-up (not counted)", warmUpFile, WarmUpRows, expectInserted: WarmUpRows);
            File.Delete(warmUpFile);
        }

        if (connectionString is not null)
        {
            await PostgresQuiet.WaitForVacuumAsync(connectionString);
        }

        // This program's own calls (polling /metrics) make the app compile their code in the background, not the import's:
        // since 2026-12-04 they are made 150 times first and each step waits for a quiet machine; until then the polls
        // after one import tipped their code into recompiling during the next (docs/benchmarks.md).
        for (var i = 0; i < 150; i++)
        {
            await IndexCountAsync(http);
        }

        async Task<Outcome> TimedAsync(string name, string file, int expectInserted, int fileRows)
        {
            await SettleAsync(http);
            if (connectionString is not null)
            {
                await PostgresQuiet.CheckpointAsync(connectionString);
            }

            var waited = await MachineCpu.WaitForQuietAsync();
            if (waited > 1.5)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: {name}: waited {waited:F1} s for the machine to be quiet (at most {MachineCpu.QuietCores:P0} of a core over a second)"));
            }

            return await PostAsync(http, name, file, fileRows, expectInserted);
        }

        var outcomes = new List<Outcome>
        {
            await TimedAsync("new", fresh, expectInserted: rows, rows),
            await TimedAsync("unchanged", fresh, expectInserted: 0, rows),
            await TimedAsync("mixed", mixed, expectInserted: rows - (rows / 2), rows),
            await TimedAsync("rates", rates, expectInserted: 0, rows - (rows / 2)),
        };
        if (keepDirectory is null)
        {
            File.Delete(fresh);
            File.Delete(mixed);
            File.Delete(rates);
        }

        await SettleAsync(http);
        var measured = new List<Floor>();
        for (var i = 0; connectionString is not null && outcomes[0].Inserted > 0 && i < floors; i++)
        {
            await PostgresQuiet.CheckpointAsync(connectionString);
            await MachineCpu.WaitForQuietAsync();
            measured.Add(await ImportNewFloor.MeasureAsync(connectionString, run, outcomes[0].Inserted, i + 1));
        }

        ImportChangedFloor.Result? changedFloor = null;
        if (connectionString is not null && outcomes[2].Updated > 0)
        {
            await PostgresQuiet.CheckpointAsync(connectionString);
            await MachineCpu.WaitForQuietAsync();
            changedFloor = await ImportChangedFloor.MeasureAsync(connectionString, run, outcomes[2].Updated);
        }

        if (connectionString is not null && cleanup)
        {
            await DeleteImportedAsync(connectionString, run);
            await PostgresQuiet.VacuumAsync(connectionString);
        }

        return new Run(outcomes, measured, changedFloor);
    }

    public static void Print(Run run)
    {
        var outcomes = run.Outcomes;
        Console.WriteLine();
        Console.WriteLine("| import | rows | HTTP status | inserted | updated | unchanged | rejected | seconds | rows/s | ranking index caught up after (s) |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var o in outcomes)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {o.Name} | {o.Rows:N0} | {o.Status} | {o.Inserted:N0} | {o.Updated:N0} | {o.Unchanged:N0} | {o.Rejected:N0} | {o.Seconds:F2} | {o.RowsPerSecond:N0} | {(o.IndexSeconds is { } s ? s.ToString("F2", CultureInfo.InvariantCulture) : "–")} |"));
        }

        if (run.Floor is { } floor)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| floor: PostgreSQL alone COPYs the new rows ({floor.SkillRows:N0} skill rows; committed) | {floor.Rows:N0} | – | {floor.Rows:N0} | – | – | – | {floor.Seconds:F2} | {floor.RowsPerSecond:N0} | – |"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"IMPORT: {string.Join("; ", outcomes.Select(o => $"{o.Name} {o.RowsPerSecond:F0} rows/s"))} (target 50000 rows/s)"));
        if (run.Floor is { } f)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"IMPORT FLOOR: PostgreSQL alone {f.RowsPerSecond:F0} rows/s (professionals {f.ProfessionalsSeconds:F2} s + skill rows {f.SkillsSeconds:F2} s + commit {f.CommitSeconds:F2} s); new rows end to end reach {f.Seconds / outcomes[0].Seconds:P0} of it ({f.CopySeconds / outcomes[0].Seconds:P0} of the COPYs alone){outcomes[0].Bound(f.Seconds)}"));
            if (run.Floors.Count > 1)
            {
                // The floor against itself: how far one measurement of it strays from the next on this machine.
                var seconds = run.Floors.Select(x => x.Seconds).ToArray();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"IMPORT FLOORS: {string.Join(", ", seconds.Select(x => $"{x:F2} s"))} in the order measured, the first above (the fastest at {seconds.Min() / seconds.Max():P0} of the slowest); new rows end to end reach {string.Join(", ", seconds.Select(x => $"{x / outcomes[0].Seconds:P0}"))} of each"));
            }
        }

        if (run.ChangedFloor is { } c)
        {
            ImportChangedFloor.PrintRatios(c, outcomes, run.Floor);
        }
    }

    internal static async Task<Outcome> PostAsync(HttpClient http, string name, string file, int rows, int expectInserted)
    {
        var indexBefore = await IndexCountAsync(http);
        Console.WriteLine($"import: {name}: posting {rows:N0} rows ({new FileInfo(file).Length / 1_000_000.0:F1} MB)…");
        var backends = BackendSchedule.Take();
        var machine = MachineCpu.Take();
        var stopwatch = Stopwatch.StartNew();
        await using var stream = File.OpenRead(file);
        using var content = new StreamContent(stream, 256 * 1024);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await http.PostAsync("/api/v1/professionals/import?mode=partial", content);
        var answer = await response.Content.ReadAsStringAsync();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        var schedule = BackendSchedule.Since(backends);
        var cpu = MachineCpu.Since(machine);
        if (!response.IsSuccessStatusCode)
        {
            Console.WriteLine($"import: {name}: HTTP {(int)response.StatusCode}: {(answer.Length > 500 ? answer[..500] : answer)}");
            return new Outcome(name, rows, seconds, (int)response.StatusCode, 0, 0, 0, 0, null);
        }

        var body = JsonDocument.Parse(answer).RootElement;
        int Get(string property) => body.TryGetProperty(property, out var value) ? value.GetInt32() : -1;
        var inserted = Get("inserted");
        var (updated, unchanged, rejected) = (Get("updated"), Get("unchanged"), Get("rejectedCount"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"import: {name}: {seconds:F2} s = {rows / seconds:N0} rows/s (inserted {inserted:N0}, updated {updated:N0}, unchanged {unchanged:N0}, rejected {rejected:N0})"));
        if (schedule is not null)
        {
            Console.WriteLine($"import: {name}: {schedule}");
        }

        if (cpu is not null)
        {
            Console.WriteLine($"import: {name}: {cpu}");
        }

        if (inserted != expectInserted)
        {
            Console.WriteLine($"import: {name}: expected {expectInserted:N0} inserted — the counts above are suspect");
        }

        double? indexSeconds = null;
        if (indexBefore is { } before && inserted > 0)
        {
            // The answer comes back before the ranking index has applied the change set; wait for it (spec: within 5 s).
            while (stopwatch.Elapsed.TotalSeconds < seconds + 120)
            {
                if (await IndexCountAsync(http) >= before + inserted)
                {
                    indexSeconds = stopwatch.Elapsed.TotalSeconds - seconds;
                    break;
                }

                await Task.Delay(50);
            }

            Console.WriteLine(indexSeconds is { } s
                ? string.Create(CultureInfo.InvariantCulture, $"import: {name}: ranking index holds the new rows {s:F2} s after the answer")
                : $"import: {name}: ranking index did not reach {before + inserted:N0} within 120 s");
        }

        return new Outcome(name, rows, seconds, (int)response.StatusCode, inserted, updated, unchanged, rejected, indexSeconds, cpu);
    }

    /// <summary>
    /// Deletes the professionals this run imported (their emails carry the run id; the warm-up's too) and announces
    /// the ids on the channel the instances listen to, 200 per notification as the app itself sends them.
    /// </summary>
    internal static async Task DeleteImportedAsync(string connectionString, string run)
    {
        Console.WriteLine($"import: deleting the rows this run imported (bench{run}…@import.example)…");
        var stopwatch = Stopwatch.StartNew();
        await using var db = new NpgsqlConnection(connectionString);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            WITH gone AS (DELETE FROM professionals WHERE email LIKE @pattern RETURNING id),
                 numbered AS (SELECT id, (row_number() OVER () - 1) / 200 AS chunk FROM gone),
                 announced AS (SELECT count(*) AS rows, pg_notify('professionals_changed', 'benchmark;' || string_agg(id::text, ',')) FROM numbered GROUP BY chunk)
            SELECT coalesce(sum(rows), 0)::bigint FROM announced
            """, db) { CommandTimeout = 0 };
        command.Parameters.AddWithValue("pattern", $"bench{run}%@import.example");
        var deleted = (long)(await command.ExecuteScalarAsync())!;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: deleted {deleted:N0} imported rows in {stopwatch.Elapsed.TotalSeconds:F1} s"));
    }

    /// <summary>The ranking index size from the Prometheus endpoint (open on loopback); null when unavailable.</summary>
    private static Task<long?> IndexCountAsync(HttpClient http) => MetricAsync(http, "nearshorehub_index_professionals");

    /// <summary>A gauge's value from the app's /metrics, or null where the app does not report it.</summary>
    private static async Task<long?> MetricAsync(HttpClient http, string name)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
            using var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            var match = Regex.Match(await response.Content.ReadAsStringAsync(), $@"^{name}\S*\s+([0-9.eE+]+)", RegexOptions.Multiline);
            return match.Success ? (long)double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until the app's ranking index has applied every change it was told of (<c>nearshorehub_index_pending</c>
    /// 0, the compacting collection after a fold included), so a step is not timed while the app still loads and folds
    /// the previous import's rows: until 2026-12-04 the rate-only import and the floors after it could start during the
    /// previous import's fold. Builds without the gauge are not waited for.
    /// </summary>
    internal static async Task SettleAsync(HttpClient http)
    {
        var stopwatch = Stopwatch.StartNew();
        while (await MetricAsync(http, "nearshorehub_index_pending") is > 0 && stopwatch.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(25);
        }

        if (stopwatch.ElapsedMilliseconds >= 25)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"import: waited {stopwatch.Elapsed.TotalSeconds:F2} s for the app's ranking index to apply the last import"));
        }
    }

    internal static async Task WriteAsync(string path, IEnumerable<string> rows)
    {
        await using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        await writer.WriteAsync(Header + "\r\n");
        foreach (var row in rows)
        {
            await writer.WriteAsync(row);
        }
    }

    /// <summary>Row i of a run: deterministic from (run, i), so the mixed file can change exactly the first half.</summary>
    internal static string Row(string run, int i, bool changed, bool rateOnly = false)
    {
        var random = new Random(i * 7919 + 17);
        var c = random.Next(Countries.Length);
        var skillCount = 3 + random.Next(8);
        var first = random.Next(Skills.Length);
        var skills = new StringBuilder();
        for (var k = 0; k < skillCount; k++)
        {
            if (k > 0)
            {
                skills.Append(';');
            }

            // Distinct skills: consecutive entries of the list from a random start.
            var level = random.Next(1, 6);
            if (changed && k == 0)
            {
                level = level % 5 + 1;
            }

            skills.Append(Skills[(first + k) % Skills.Length]).Append(':').Append(level).Append(':').Append(random.Next(0, 20));
        }

        var rate = random.Next(15, 120) + (changed ? 1 : 0) + (rateOnly ? 2 : 0);
        return string.Create(CultureInfo.InvariantCulture,
            $"Person {run} {i},bench{run}.{i}@import.example,{Headlines[i % Headlines.Length]} {i % 97},{Countries[c]},{Cities[c]},{random.Next(1000, 3_000_000)},{(random.Next(4) == 0 ? "true" : "false")},{Zones[c]},09:00,18:00,Mon;Tue;Wed;Thu;Fri,{skills},{(random.Next(2) == 0 ? "B2" : "C1")},senior,{rate}.50,2027-01-0{random.Next(1, 9)},40,active\r\n");
    }
}
