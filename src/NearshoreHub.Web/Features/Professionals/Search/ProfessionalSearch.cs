using System.Data;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure;
using NearshoreHub.Web.Infrastructure.Threading;
using NodaTime;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

public static class ProfessionalSearchSetup
{
    public static IServiceCollection AddProfessionalSearch(this IServiceCollection services)
    {
        services.AddScoped<ProfessionalSearch>();
        services.AddScoped<ProfessionalImport>();
        services.AddSingleton(services => new BulkWorkScheduler(
            Math.Max(2, Environment.ProcessorCount), BulkWorkScheduler.NicenessFrom(services.GetRequiredService<IConfiguration>())));
        services.AddSingleton<ImportWarmUp>();
        services.AddHostedService(services => services.GetRequiredService<ImportWarmUp>());
        return services;
    }
}

/// <summary>
/// The recruiter search over the whole pool (product spec §5). Filters, counts and order are answered by the in-memory
/// candidate index, which every instance keeps current (writes through this instance before the next search, others
/// within seconds by LISTEN/NOTIFY); PostgreSQL normalises the words (the same f_unaccent that wrote search_text) and
/// returns the page's rows. The export walks the same filters through the index a page at a time (<see cref="StreamAsync"/>), in id order.
/// </summary>
public sealed class ProfessionalSearch(NearshoreDbContext db, SkillCatalog catalog, CandidateIndexHost index, TimeProvider clock, IConfiguration configuration, NearshoreMeter meter)
{
    /// <summary>At most this many words of the free text are used.</summary>
    public const int MaxWords = 10;

    public async Task<PagedList<ProfessionalDto>> SearchAsync(ProfessionalSearchQuery query, CancellationToken ct)
    {
        // The index first: while it is still being built, no database connection is held waiting for it.
        var candidates = await index.GetAsync(ct);
        var directoryQuery = await ToDirectoryQueryAsync(query, ct);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var page = candidates.Search(directoryQuery);
        meter.SearchTime.Record(stopwatch.Elapsed.TotalMilliseconds);
        if (page.Ids.Count == 0)
        {
            return new PagedList<ProfessionalDto>([], page.Total);
        }

        var ids = page.Ids.ToList();
        var rows = await db.Professionals.AsNoTracking().Include(p => p.Skills)
            .Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);

        // A row deleted between the index read and this one is left out of the page, not shown half-known.
        var items = ids.Where(rows.ContainsKey).Select(id => rows[id].ToDto(catalog)).ToList();
        return new PagedList<ProfessionalDto>(items, page.Total);
    }

    /// <summary>How many match each query (saved searches' newCount): one round trip to normalise, then the index alone.</summary>
    public async Task<int[]> CountAsync(IReadOnlyList<ProfessionalSearchQuery> queries, CancellationToken ct)
    {
        var candidates = await index.GetAsync(ct);
        var directoryQueries = await ToDirectoryQueriesAsync(queries, ct);
        return directoryQueries.Select(q => candidates.Search(q with { Offset = 0, Limit = 0, Sort = SearchSort.Name }).Total).ToArray();
    }

    /// <summary>What parsing alone cannot check: that the project whose shortlist is excluded exists. Keyed like parse errors.</summary>
    public async Task<Dictionary<string, string[]>> CheckReferencesAsync(ProfessionalSearchQuery query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (query.ExcludeShortlistedFor is { } projectId && !await db.Projects.AnyAsync(p => p.Id == projectId, ct))
        {
            errors["excludeShortlistedFor"] = ["No project has this id."];
        }

        return errors;
    }

    private async Task<DirectoryQuery> ToDirectoryQueryAsync(ProfessionalSearchQuery query, CancellationToken ct) =>
        (await ToDirectoryQueriesAsync([query], ct))[0];

    /// <summary>Several searches at once: every term normalised in one round trip, every excluded shortlist read in one query.</summary>
    private async Task<DirectoryQuery[]> ToDirectoryQueriesAsync(IReadOnlyList<ProfessionalSearchQuery> queries, CancellationToken ct)
    {
        var texts = queries.SelectMany(q => q.Terms).Select(t => t.Text).Distinct(StringComparer.Ordinal).ToArray();
        var normalized = texts.Length == 0 ? [] : await NormalizeAsync(await OpenAsync(ct), texts, ct);
        var lookup = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < texts.Length; i++)
        {
            lookup[texts[i]] = normalized[i];
        }

        // "Shortlisted" as the funnel counts it: every entry that is not rejected.
        var projects = queries.Where(q => q.ExcludeShortlistedFor is not null).Select(q => q.ExcludeShortlistedFor!.Value).Distinct().ToList();
        var entries = projects.Count == 0 ? [] : await db.ShortlistEntries.AsNoTracking()
            .Where(s => projects.Contains(s.ProjectId) && s.Status != ShortlistStatus.Rejected)
            .Select(s => new { s.ProjectId, s.ProfessionalId }).ToListAsync(ct);
        var shortlisted = entries.GroupBy(s => s.ProjectId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<Guid>)g.Select(s => s.ProfessionalId).ToHashSet());
        return queries.Select(q => ToDirectoryQuery(q, lookup, q.ExcludeShortlistedFor is { } p ? shortlisted.GetValueOrDefault(p) ?? [] : [])).ToArray();
    }

    private DirectoryQuery ToDirectoryQuery(ProfessionalSearchQuery query, Dictionary<string, string> normalized, IReadOnlyCollection<Guid> excluded)
    {
        DirectoryWord Word(SearchTerm term) => new(normalized[term.Text], catalog.ResolveIgnoringAccents(term.Text)?.Id);
        var found = query.Terms.Where(t => !t.Exclude).ToList();
        DirectoryOverlap? overlap = null;
        if (query.Overlap is { } filter)
        {
            var zone = DateTimeZoneProviders.Tzdb[filter.TimeZone];
            var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
            overlap = new DirectoryOverlap(filter.TimeZone, LocalTime.FromTimeOnly(filter.Start), LocalTime.FromTimeOnly(filter.End), filter.MinHours, today);
        }

        return new DirectoryQuery
        {
            Words = found.Select(Word).ToArray(),
            NotWords = query.Terms.Where(t => t.Exclude).Select(Word).ToArray(),
            // The words rejoined by one space, so "spring  boot" or "Spring<NBSP>Boot" is the skill Spring Boot too.
            PhraseSkillId = found.Count > 1 ? catalog.ResolveIgnoringAccents(string.Join(' ', found.Select(t => t.Text)))?.Id : null,
            NotSkills = query.NotSkills.Select(s => new DirectorySkill(s.SkillId, (byte)s.MinLevel)).ToArray(),
            NotCountries = query.NotCountries,
            NotCitySizes = query.NotCitySizes.Select(size => Enum.Parse<NearshoreHub.Matching.CitySize>(size, ignoreCase: true)).ToArray(),
            ExcludedIds = excluded,
            ChangedAfter = query.ChangedAfter is { } after ? Instant.FromDateTimeOffset(after) : null,
            Skills = query.Skills.Select(s => new DirectorySkill(s.SkillId, (byte)s.MinLevel)).ToArray(),
            Countries = query.Countries,
            CitySizes = query.CitySizes.Select(size => Enum.Parse<NearshoreHub.Matching.CitySize>(size, ignoreCase: true)).ToArray(),
            Rural = query.Rural,
            MinEnglish = query.MinEnglish,
            MaxRate = query.MaxRate,
            AvailableBy = query.AvailableBy is { } by ? LocalDate.FromDateOnly(by) : null,
            Overlap = overlap,
            Statuses = query.Statuses,
            Sort = query.Sort,
            Offset = query.Offset,
            Limit = query.Limit,
        };
    }

    /// <summary>Professionals per page of the export (setting <c>Export:PageSize</c>): one database read each.</summary>
    public const int DefaultExportPageSize = 10_000;

    /// <summary>
    /// Streams every matching professional in id order for the export. The index selects them a page at a time
    /// (<see cref="CandidateIndex.Walk"/>: each page starts after the last id of the one before, so nobody comes twice)
    /// and PostgreSQL reads each page's rows, so memory stays flat however large the pool is: at most two pages are
    /// held. The next page is read on a second connection while the caller writes out this one, so the database and
    /// the CSV formatting each keep a core busy. People written during a long export appear if the index has them
    /// when their page is selected; a row deleted meanwhile is left out.
    /// </summary>
    public async IAsyncEnumerable<ExportRow> StreamAsync(ProfessionalSearchQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var pageSize = Math.Max(1, configuration.GetValue("Export:PageSize", DefaultExportPageSize));
        var directoryQuery = await ToDirectoryQueryAsync(query, ct);
        var connections = new[] { await WithoutJitAsync(await OpenAsync(ct), ct), null };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        Task<List<ExportRow>>? pending = null;
        try
        {
            var ids = (await index.GetAsync(ct)).Walk(directoryQuery, null, pageSize);
            pending = ids.Count == 0 ? null : ReadPageAsync(connections[0]!, ids, stop.Token);
            for (var turn = 1; pending is not null; turn++)
            {
                var rows = await pending;
                pending = null;
                if (ids.Count == pageSize)
                {
                    ids = (await index.GetAsync(ct)).Walk(directoryQuery, ids[^1], pageSize);
                    if (ids.Count > 0)
                    {
                        var connection = connections[turn % 2] ??= await OpenSecondAsync(ct);
                        pending = ReadPageAsync(connection, ids, stop.Token);
                    }
                }

                foreach (var row in rows)
                {
                    yield return row;
                }
            }
        }
        finally
        {
            // A caller that stops early (the client went away) leaves a page being read: it is cancelled and awaited
            // before its connection goes back to the pool.
            if (pending is not null)
            {
                await stop.CancelAsync();
                try
                {
                    await pending;
                }
                catch (Exception e) when (e is OperationCanceledException or NpgsqlException)
                {
                    // Cancelled as asked.
                }
            }

            if (connections[1] is { } second)
            {
                await second.DisposeAsync();
            }
        }
    }

    private async Task<NpgsqlConnection> OpenSecondAsync(CancellationToken ct)
    {
        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(ct);
        return await WithoutJitAsync(connection, ct);
    }

    /// <summary>A page's plan would be JIT-compiled and the code thrown away after each page: see ProfessionalsTable.</summary>
    private static async Task<NpgsqlConnection> WithoutJitAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await ProfessionalsTable.WithoutJitAsync(connection, ct);
        return connection;
    }

    internal static async Task<List<ExportRow>> ReadPageAsync(NpgsqlConnection connection, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(ProfessionalsTable.SelectExportPage, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        var rows = new List<ExportRow>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ExportRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetBoolean(6), reader.GetString(7),
                reader.GetFieldValue<TimeOnly>(8), reader.GetFieldValue<TimeOnly>(9), reader.GetInt16(10),
                reader.GetString(11), reader.GetString(12), reader.GetDecimal(13), reader.GetFieldValue<DateOnly>(14),
                reader.GetInt32(15), reader.GetString(16),
                reader.GetFieldValue<int[]>(17), reader.GetFieldValue<short[]>(18), reader.GetFieldValue<short[]>(19)));
        }

        return rows;
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(ct);
        }

        return connection;
    }

    /// <summary>Lower-case and accent-free by the database's own f_unaccent, so the words match search_text exactly.</summary>
    private static async Task<string[]> NormalizeAsync(NpgsqlConnection connection, string[] words, CancellationToken ct)
    {
        if (words.Length == 0)
        {
            return [];
        }

        await using var command = new NpgsqlCommand("SELECT array(SELECT lower(f_unaccent(w)) FROM unnest(@words) WITH ORDINALITY AS t(w, n) ORDER BY n)", connection);
        command.Parameters.Add(new NpgsqlParameter<string[]>("words", words));
        return (string[])(await command.ExecuteScalarAsync(ct))!;
    }
}
