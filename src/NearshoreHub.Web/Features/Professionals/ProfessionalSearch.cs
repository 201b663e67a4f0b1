using System.Data;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Matching;
using NearshoreHub.Web.Features.Skills;
using NodaTime;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

public static class ProfessionalSearchSetup
{
    public static IServiceCollection AddProfessionalSearch(this IServiceCollection services)
    {
        services.AddSingleton<ScheduleGroups>();
        services.AddScoped<ProfessionalSearch>();
        services.AddScoped<ProfessionalImport>();
        return services;
    }
}

/// <summary>
/// The recruiter search over the whole pool (product spec §5). Filters, counts and order are answered by the in-memory
/// candidate index, which every instance keeps current (writes through this instance before the next search, others
/// within seconds by LISTEN/NOTIFY); PostgreSQL normalises the words (the same f_unaccent that wrote search_text) and
/// returns the page's rows. The export streams the same filters as SQL (<see cref="StreamAsync"/>), in id order.
/// </summary>
public sealed class ProfessionalSearch(NearshoreDbContext db, SkillCatalog catalog, ScheduleGroups groups, CandidateIndexHost index, TimeProvider clock)
{
    /// <summary>At most this many words of the free text are used.</summary>
    public const int MaxWords = 10;

    private static readonly System.Diagnostics.Metrics.Histogram<double> IndexSearchTime = new System.Diagnostics.Metrics.Meter(MatchingService.MeterName)
        .CreateHistogram<double>("nearshorehub.search.duration", "ms", "Time the candidate index takes to filter, count and order one recruiter search");

    public async Task<PagedList<ProfessionalDto>> SearchAsync(ProfessionalSearchQuery query, CancellationToken ct)
    {
        // The index first: while it is still being built, no database connection is held waiting for it.
        var candidates = await index.GetAsync(ct);
        var directoryQuery = await ToDirectoryQueryAsync(query, ct);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var page = candidates.Search(directoryQuery);
        IndexSearchTime.Record(stopwatch.Elapsed.TotalMilliseconds);
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

    private async Task<DirectoryQuery> ToDirectoryQueryAsync(ProfessionalSearchQuery query, CancellationToken ct)
    {
        var words = query.Text is { } text ? Words(text) : [];
        var normalized = words.Length == 0 ? [] : await NormalizeAsync(await OpenAsync(ct), words, ct);
        DirectoryOverlap? overlap = null;
        if (query.Overlap is { } filter)
        {
            var zone = DateTimeZoneProviders.Tzdb[filter.TimeZone];
            var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
            overlap = new DirectoryOverlap(filter.TimeZone, LocalTime.FromTimeOnly(filter.Start), LocalTime.FromTimeOnly(filter.End), filter.MinHours, today);
        }

        return new DirectoryQuery
        {
            Words = words.Select((word, i) => new DirectoryWord(normalized[i], catalog.Resolve(word)?.Id)).ToArray(),
            PhraseSkillId = words.Length > 1 ? catalog.Resolve(query.Text!)?.Id : null,
            Skills = query.Skills.Select(s => new DirectorySkill(s.SkillId, (byte)s.MinLevel)).ToArray(),
            Countries = query.Countries,
            CitySizes = query.CitySizes.Select(size => Enum.Parse<NearshoreHub.Matching.CitySize>(size, ignoreCase: true)).ToArray(),
            Rural = query.Rural,
            MinEnglish = (NearshoreHub.Matching.EnglishLevel?)query.MinEnglish,
            MaxRate = query.MaxRate,
            AvailableBy = query.AvailableBy is { } by ? LocalDate.FromDateOnly(by) : null,
            Overlap = overlap,
            Statuses = query.Statuses.Select(ToCandidateStatus).ToArray(),
            Sort = query.Sort switch
            {
                SearchSort.NameDescending => DirectorySort.NameDescending,
                SearchSort.UpdatedAt => DirectorySort.UpdatedAt,
                SearchSort.UpdatedAtDescending => DirectorySort.UpdatedAtDescending,
                SearchSort.Rate => DirectorySort.Rate,
                SearchSort.RateDescending => DirectorySort.RateDescending,
                SearchSort.Relevance => DirectorySort.Relevance,
                _ => DirectorySort.Name,
            },
            Offset = query.Offset,
            Limit = query.Limit,
        };
    }

    private static CandidateStatus ToCandidateStatus(ProfessionalStatus status) => status switch
    {
        ProfessionalStatus.Active => CandidateStatus.Active,
        ProfessionalStatus.Placed => CandidateStatus.Placed,
        _ => CandidateStatus.Inactive,
    };

    private static string[] Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxWords).ToArray();

    /// <summary>Streams every matching professional in id order for the export, one row at a time.</summary>
    public async IAsyncEnumerable<ExportRow> StreamAsync(ProfessionalSearchQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        var connection = await OpenAsync(ct);
        var filter = await BuildFilterAsync(connection, query, ct);
        await using var command = new NpgsqlCommand($$"""
            SELECT p.full_name, p.email, p.headline, p.country, p.city, p.city_population, p.is_rural, p.time_zone,
                   p.work_start, p.work_end, p.work_days, p.english_level, p.seniority, p.hourly_rate_usd, p.available_from,
                   p.hours_per_week, p.status,
                   coalesce(s.ids, '{}'::integer[]), coalesce(s.levels, '{}'::smallint[]), coalesce(s.years, '{}'::smallint[])
            FROM professionals p
            LEFT JOIN LATERAL (
                SELECT array_agg(ps.skill_id ORDER BY ps.level DESC, ps.skill_id) AS ids,
                       array_agg(ps.level ORDER BY ps.level DESC, ps.skill_id) AS levels,
                       array_agg(ps.years ORDER BY ps.level DESC, ps.skill_id) AS years
                FROM professional_skills ps WHERE ps.professional_id = p.id) s ON true
            WHERE {{filter.Where}}
            ORDER BY p.id
            """, connection);
        command.CommandTimeout = 0;
        command.Parameters.AddRange(filter.CloneParameters());
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new ExportRow(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetInt32(5), reader.GetBoolean(6), reader.GetString(7),
                reader.GetFieldValue<TimeOnly>(8), reader.GetFieldValue<TimeOnly>(9), reader.GetInt16(10),
                reader.GetString(11), reader.GetString(12), reader.GetDecimal(13), reader.GetFieldValue<DateOnly>(14),
                reader.GetInt32(15), reader.GetString(16),
                reader.GetFieldValue<int[]>(17), reader.GetFieldValue<short[]>(18), reader.GetFieldValue<short[]>(19));
        }
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

    private sealed record Filter(string Where, List<NpgsqlParameter> Parameters)
    {
        public NpgsqlParameter[] CloneParameters() => Parameters.Select(p => p.Clone()).ToArray();
    }

    private async Task<Filter> BuildFilterAsync(NpgsqlConnection connection, ProfessionalSearchQuery query, CancellationToken ct)
    {
        var where = new List<string>();
        var parameters = new List<NpgsqlParameter>();
        string Add(object value)
        {
            var name = "p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add(new NpgsqlParameter(name, value));
            return "@" + name;
        }

        if (query.Text is { } text)
        {
            where.Add(await TextConditionAsync(connection, text, Add, ct));
        }

        foreach (var skill in query.Skills)
        {
            where.Add($"EXISTS (SELECT 1 FROM professional_skills ps WHERE ps.professional_id = p.id AND ps.skill_id = {Add(skill.SkillId)} AND ps.level >= {Add((short)skill.MinLevel)})");
        }

        if (query.Countries.Count > 0)
        {
            where.Add($"p.country = ANY(CAST({Add(query.Countries.ToArray())} AS character(2)[]))");
        }

        if (query.CitySizes.Count > 0)
        {
            where.Add($"p.city_size = ANY({Add(query.CitySizes.ToArray())})");
        }

        if (query.Rural is { } rural)
        {
            where.Add($"p.is_rural = {Add(rural)}");
        }

        if (query.MinEnglish is { } minEnglish)
        {
            var levels = Enum.GetValues<Data.Entities.EnglishLevel>().Where(l => l >= minEnglish).Select(l => l.ToString()).ToArray();
            where.Add($"p.english_level = ANY({Add(levels)})");
        }

        if (query.MaxRate is { } maxRate)
        {
            where.Add($"p.hourly_rate_usd <= {Add(maxRate)}");
        }

        if (query.AvailableBy is { } availableBy)
        {
            where.Add($"p.available_from <= {Add(availableBy)}");
        }

        if (query.Statuses.Count > 0)
        {
            where.Add($"p.status = ANY({Add(query.Statuses.Select(s => s.ToString()).ToArray())})");
        }

        if (query.Overlap is { } overlap)
        {
            var qualifying = await groups.QualifyingAsync(connection, overlap, clock, ct);
            if (qualifying.Count == 0)
            {
                where.Add("false");
            }
            else
            {
                where.Add($"""
                    (p.time_zone, p.work_start, p.work_end, p.work_days) IN (
                        SELECT z, s, e, d FROM unnest({Add(qualifying.Select(g => g.TimeZone).ToArray())}::text[],
                            {Add(qualifying.Select(g => g.Start).ToArray())}::time[],
                            {Add(qualifying.Select(g => g.End).ToArray())}::time[],
                            {Add(qualifying.Select(g => g.Days).ToArray())}::smallint[]) AS g(z, s, e, d))
                    """);
            }
        }

        return new Filter(where.Count == 0 ? "true" : string.Join("\n AND ", where), parameters);
    }

    /// <summary>
    /// Each word must appear in the accent-free name, headline or city, or name a skill the person holds; a whole
    /// phrase that names a skill ("ruby on rails") also matches its holders.
    /// </summary>
    private async Task<string> TextConditionAsync(NpgsqlConnection connection, string text, Func<object, string> add, CancellationToken ct)
    {
        var words = Words(text);
        var normalized = await NormalizeAsync(connection, words, ct);
        var clauses = new List<string>();
        for (var i = 0; i < words.Length; i++)
        {
            var pattern = add("%" + EscapeLike(normalized[i]) + "%");
            clauses.Add(catalog.Resolve(words[i]) is { } skill
                ? $"p.id IN (SELECT t.id FROM professionals t WHERE t.search_text LIKE {pattern} UNION ALL SELECT ps.professional_id FROM professional_skills ps WHERE ps.skill_id = {add(skill.Id)})"
                : $"p.search_text LIKE {pattern}");
        }

        var condition = string.Join(" AND ", clauses);
        if (words.Length > 1 && catalog.Resolve(text) is { } phrase)
        {
            condition = $"(({condition}) OR p.id IN (SELECT ps.professional_id FROM professional_skills ps WHERE ps.skill_id = {add(phrase.Id)}))";
        }

        return condition;
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

    private static string EscapeLike(string value)
    {
        var builder = new StringBuilder(value.Length + 4);
        foreach (var c in value)
        {
            if (c is '%' or '_' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}

/// <summary>
/// The distinct working schedules (zone, hours, days) in the pool — a few thousand at most — kept in memory so
/// the overlap filter is exact (NodaTime, DST-aware) without computing it for millions of rows. Reloaded after
/// writes on this instance and at least every 30 s for writes made elsewhere.
/// </summary>
public sealed class ScheduleGroups : IDisposable
{
    public sealed record Group(string TimeZone, TimeOnly Start, TimeOnly End, short Days);

    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly OverlapCalculator _calculator = new(DateTimeZoneProviders.Tzdb);
    private IReadOnlyList<Group> _groups = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private volatile bool _stale = true;

    public ScheduleGroups(ProfessionalChanges changes) => changes.Changed += _ => _stale = true;

    public void Dispose() => _lock.Dispose();

    public async Task<IReadOnlyList<Group>> QualifyingAsync(NpgsqlConnection connection, OverlapFilter filter, TimeProvider clock, CancellationToken ct)
    {
        var all = await GetAsync(connection, clock, ct);
        var zone = DateTimeZoneProviders.Tzdb[filter.TimeZone];
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
        var client = new WorkSchedule(filter.TimeZone, LocalTime.FromTimeOnly(filter.Start), LocalTime.FromTimeOnly(filter.End), WorkDays.Weekdays);
        var result = new List<Group>();
        foreach (var group in all)
        {
            if (group.Start >= group.End || DateTimeZoneProviders.Tzdb.GetZoneOrNull(group.TimeZone) is null)
            {
                continue;
            }

            var professional = new WorkSchedule(group.TimeZone, LocalTime.FromTimeOnly(group.Start), LocalTime.FromTimeOnly(group.End), (WorkDays)group.Days);
            var overlap = _calculator.Compute(client, professional, today, 4, includeDays: false);
            if (overlap.MinimumHours >= filter.MinHours && overlap.MaximumHours > 0)
            {
                result.Add(group);
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<Group>> GetAsync(NpgsqlConnection connection, TimeProvider clock, CancellationToken ct)
    {
        if (!_stale && clock.GetUtcNow() - _loadedAt < RefreshInterval)
        {
            return _groups;
        }

        await _lock.WaitAsync(ct);
        try
        {
            if (!_stale && clock.GetUtcNow() - _loadedAt < RefreshInterval)
            {
                return _groups;
            }

            _stale = false;
            var loadedAt = clock.GetUtcNow();
            var groups = new List<Group>();
            await using var command = new NpgsqlCommand(
                "SELECT DISTINCT time_zone, work_start, work_end, work_days FROM professionals", connection);
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    groups.Add(new Group(reader.GetString(0), reader.GetFieldValue<TimeOnly>(1), reader.GetFieldValue<TimeOnly>(2), reader.GetInt16(3)));
                }
            }

            _groups = groups;
            _loadedAt = loadedAt;
            return groups;
        }
        finally
        {
            _lock.Release();
        }
    }
}
