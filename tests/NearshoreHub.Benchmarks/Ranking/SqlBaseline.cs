using System.Globalization;
using System.Text;
using NearshoreHub.Matching;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace NearshoreHub.Benchmarks.Ranking;

internal sealed record ScheduleGroup(string TimeZone, TimeOnly Start, TimeOnly End, short Days);

internal sealed record SqlRow(Guid Id, long RankKey, decimal Score);

/// <summary>
/// The baseline: one straightforward SQL query per project that applies the same eligibility and score as the
/// index (product spec §3, NearshoreHub.Matching README) over the whole professionals table — joins to
/// professional_skills and skill_relations, per-candidate aggregation, ORDER BY the exact weighted key, id.
/// Only the DST-exact overlap is not computed in SQL: PostgreSQL has no lenient-resolver overlap, so the overlap
/// of each distinct schedule (time_zone, work_start, work_end, work_days) is computed in C# with the same
/// OverlapCalculator and passed in as arrays (unnest). That precomputation is not part of the timed query.
/// Floating-point steps mirror MatchScorer operation by operation (float8 in the same order), decimal steps use
/// numeric, and rounding is half away from zero, so the two must agree to the last digit.
/// </summary>
internal sealed class SqlBaseline(string connectionString, OverlapCalculator overlap)
{
    public async Task<IReadOnlyList<ScheduleGroup>> LoadGroupsAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT DISTINCT time_zone, work_start, work_end, work_days FROM professionals", connection) { CommandTimeout = 0 };
        await using var reader = await command.ExecuteReaderAsync();
        var groups = new List<ScheduleGroup>();
        while (await reader.ReadAsync())
        {
            groups.Add(new ScheduleGroup(reader.GetString(0), reader.GetFieldValue<TimeOnly>(1), reader.GetFieldValue<TimeOnly>(2), reader.GetInt16(3)));
        }

        return groups;
    }

    /// <summary>The SQL command for one project, ready to run (parameters bound).</summary>
    public NpgsqlCommand Prepare(ProjectQuery query, IReadOnlyList<ScheduleGroup> groups, int limit)
    {
        var core = query.CoreSchedule;
        var overlapUnits = new int[groups.Count];
        var minimumHours = new double[groups.Count];
        for (var i = 0; i < groups.Count; i++)
        {
            var g = groups[i];
            var schedule = new WorkSchedule(g.TimeZone, LocalTime.FromTimeOnly(g.Start), LocalTime.FromTimeOnly(g.End), (WorkDays)g.Days);
            var result = overlap.Compute(core, schedule, query.StartDate, query.DurationWeeks, includeDays: false);
            // ComponentMath.Overlap: min(1, average / core length), 4 decimals half away from zero.
            overlapUnits[i] = core.LengthHours <= 0 ? 0 : RoundUnits(Math.Min(1.0, result.AverageHours / core.LengthHours));
            minimumHours[i] = result.MinimumHours;
        }

        var skills = query.Skills;
        double weightSum = 0;
        foreach (var s in skills)
        {
            weightSum += s.Weight;
        }

        var w = query.Weights;
        var sql = new StringBuilder();
        sql.Append("""
            WITH g AS (
                SELECT * FROM unnest(@g_zone, @g_start, @g_end, @g_days, @g_overlap, @g_min)
                    AS g(time_zone, work_start, work_end, work_days, overlap_units, min_hours)
            ),
            ps AS (
                SELECT * FROM unnest(@p_pos, @p_skill, @p_min) AS ps(pos, skill_id, min_level)
            ),
            rel AS (
                SELECT a, b, max(similarity) AS similarity
                FROM (SELECT skill_id AS a, related_skill_id AS b, similarity FROM skill_relations
                      UNION ALL SELECT related_skill_id, skill_id, similarity FROM skill_relations) r
                WHERE a <> b
                GROUP BY a, b
            ),
            credit AS (
                SELECT s.professional_id, ps.pos, s.level AS held,
                       CASE WHEN s.level >= ps.min_level THEN 1.0::float8 ELSE 0.5::float8 * s.level / ps.min_level END AS credit
                FROM ps JOIN professional_skills s ON s.skill_id = ps.skill_id
                UNION ALL
                SELECT s.professional_id, ps.pos, 0, 0.5::float8 * rel.similarity * least(1.0::float8, s.level::float8 / ps.min_level)
                FROM ps JOIN rel ON rel.a = ps.skill_id JOIN professional_skills s ON s.skill_id = rel.b
            ),
            per AS (
                SELECT professional_id
            """);
        for (var p = 0; p < skills.Count; p++)
        {
            sql.Append(CultureInfo.InvariantCulture, $", coalesce(max(credit) FILTER (WHERE pos = {p}), 0) AS c{p}, coalesce(max(held) FILTER (WHERE pos = {p}), 0) AS h{p}");
        }

        sql.Append("""

                FROM credit GROUP BY professional_id
            ),
            scored AS (
                SELECT p.id,
            """);
        // Σ w·credit summed left to right from 0, then / Σ w, then × 10 000 rounded half away from zero.
        var sum = new StringBuilder("0::float8");
        for (var p = 0; p < skills.Count; p++)
        {
            sum.Insert(0, '(').Append(CultureInfo.InvariantCulture, $" + @w{p} * coalesce(per.c{p}, 0))");
        }

        sql.Append(CultureInfo.InvariantCulture, $"""

                    greatest(0, least(10000, floor(({sum} / @wsum) * 10000::float8 + 0.5)))::int AS skills,
                    g.overlap_units AS overlap,
            """);
        sql.Append(query.BudgetMax is null
            ? "\n        10000 AS rate,"
            : "\n        CASE WHEN p.hourly_rate_usd <= @bmax THEN 10000 WHEN @bmax <= 0 THEN 0 ELSE greatest(0, round((1 - (p.hourly_rate_usd - @bmax) / @bmax) * 10000))::int END AS rate,");
        sql.Append(query.MinEnglish is null
            ? "\n        round(x.lvl * 10000::numeric / 6)::int AS english,"
            : "\n        CASE WHEN x.lvl >= @emin THEN 10000 ELSE round(x.lvl * 10000::numeric / @emin)::int END AS english,");
        sql.Append("""

                    CASE WHEN x.delay <= 0 THEN 10000 WHEN x.delay >= 90 THEN 0 ELSE round((90 - x.delay) * 10000::numeric / 90)::int END AS availability
                FROM professionals p
                JOIN g ON g.time_zone = p.time_zone AND g.work_start = p.work_start AND g.work_end = p.work_end AND g.work_days = p.work_days
                LEFT JOIN per ON per.professional_id = p.id
                CROSS JOIN LATERAL (SELECT CASE p.english_level WHEN 'A1' THEN 1 WHEN 'A2' THEN 2 WHEN 'B1' THEN 3 WHEN 'B2' THEN 4
                                                                WHEN 'C1' THEN 5 WHEN 'C2' THEN 6 ELSE 0 END AS lvl,
                                           p.available_from - @start AS delay) x
                WHERE p.status = 'Active' AND g.min_hours >= @min_overlap
            """);
        for (var p = 0; p < skills.Count; p++)
        {
            if (skills[p].Required)
            {
                sql.Append(CultureInfo.InvariantCulture, $" AND coalesce(per.h{p}, 0) >= {skills[p].MinLevel}");
            }
        }

        if (query.MinEnglish is not null)
        {
            sql.Append(" AND x.lvl >= @emin");
        }

        sql.Append("""

            )
            SELECT id,
                   @mw_s * skills + @mw_o * overlap + @mw_r * rate + @mw_e * english + @mw_a * availability AS rank_key,
                   round(100 * (@dw_s * skills + @dw_o * overlap + @dw_r * rate + @dw_e * english + @dw_a * availability) / 10000 / @dw_sum, 2) AS score
            FROM scored
            ORDER BY rank_key DESC, id
            LIMIT @limit
            """);

        var command = new NpgsqlCommand(sql.ToString()) { CommandTimeout = 0 };
        var ps = command.Parameters;
        ps.Add(new NpgsqlParameter("g_zone", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = groups.Select(g => g.TimeZone).ToArray() });
        ps.Add(new NpgsqlParameter("g_start", NpgsqlDbType.Array | NpgsqlDbType.Time) { Value = groups.Select(g => g.Start).ToArray() });
        ps.Add(new NpgsqlParameter("g_end", NpgsqlDbType.Array | NpgsqlDbType.Time) { Value = groups.Select(g => g.End).ToArray() });
        ps.Add(new NpgsqlParameter("g_days", NpgsqlDbType.Array | NpgsqlDbType.Smallint) { Value = groups.Select(g => g.Days).ToArray() });
        ps.Add(new NpgsqlParameter("g_overlap", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = overlapUnits });
        ps.Add(new NpgsqlParameter("g_min", NpgsqlDbType.Array | NpgsqlDbType.Double) { Value = minimumHours });
        ps.Add(new NpgsqlParameter("p_pos", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = Enumerable.Range(0, skills.Count).ToArray() });
        ps.Add(new NpgsqlParameter("p_skill", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = skills.Select(s => s.SkillId).ToArray() });
        ps.Add(new NpgsqlParameter("p_min", NpgsqlDbType.Array | NpgsqlDbType.Integer) { Value = skills.Select(s => (int)s.MinLevel).ToArray() });
        for (var p = 0; p < skills.Count; p++)
        {
            ps.Add(new NpgsqlParameter($"w{p}", NpgsqlDbType.Double) { Value = skills[p].Weight });
        }

        ps.Add(new NpgsqlParameter("wsum", NpgsqlDbType.Double) { Value = weightSum });
        if (query.BudgetMax is { } max)
        {
            ps.Add(new NpgsqlParameter("bmax", NpgsqlDbType.Numeric) { Value = max });
        }

        if (query.MinEnglish is { } english)
        {
            ps.Add(new NpgsqlParameter("emin", NpgsqlDbType.Integer) { Value = (int)english });
        }

        ps.Add(new NpgsqlParameter("start", NpgsqlDbType.Date) { Value = query.StartDate.ToDateOnly() });
        ps.Add(new NpgsqlParameter("min_overlap", NpgsqlDbType.Double) { Value = query.MinOverlapHours });
        // ScoreWeights.Micro(): weights in millionths for the exact ordering key.
        ps.Add(new NpgsqlParameter("mw_s", NpgsqlDbType.Bigint) { Value = Micro(w.Skills) });
        ps.Add(new NpgsqlParameter("mw_o", NpgsqlDbType.Bigint) { Value = Micro(w.Overlap) });
        ps.Add(new NpgsqlParameter("mw_r", NpgsqlDbType.Bigint) { Value = Micro(w.Rate) });
        ps.Add(new NpgsqlParameter("mw_e", NpgsqlDbType.Bigint) { Value = Micro(w.English) });
        ps.Add(new NpgsqlParameter("mw_a", NpgsqlDbType.Bigint) { Value = Micro(w.Availability) });
        // ScoreBreakdown.ScoreWith: decimal weights, 100 · Σ wᵢ·cᵢ / Σ wᵢ rounded to 2 places.
        ps.Add(new NpgsqlParameter("dw_s", NpgsqlDbType.Numeric) { Value = (decimal)w.Skills });
        ps.Add(new NpgsqlParameter("dw_o", NpgsqlDbType.Numeric) { Value = (decimal)w.Overlap });
        ps.Add(new NpgsqlParameter("dw_r", NpgsqlDbType.Numeric) { Value = (decimal)w.Rate });
        ps.Add(new NpgsqlParameter("dw_e", NpgsqlDbType.Numeric) { Value = (decimal)w.English });
        ps.Add(new NpgsqlParameter("dw_a", NpgsqlDbType.Numeric) { Value = (decimal)w.Availability });
        ps.Add(new NpgsqlParameter("dw_sum", NpgsqlDbType.Numeric)
        {
            Value = (decimal)w.Skills + (decimal)w.Overlap + (decimal)w.Rate + (decimal)w.English + (decimal)w.Availability,
        });
        ps.Add(new NpgsqlParameter("limit", NpgsqlDbType.Integer) { Value = limit });
        return command;
    }

    public async Task<IReadOnlyList<SqlRow>> RunAsync(NpgsqlCommand command)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        // The planner cannot see inside the unnest() arrays and estimates the schedule join at a handful of rows,
        // then picks nested loops that rescan the per-candidate aggregate for every professional (minutes at 100 k).
        // Hash joins are what any hand-tuned version of this query would get.
        await using (var settings = new NpgsqlCommand("SET enable_nestloop = off", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        command.Connection = connection;
        try
        {
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<SqlRow>();
            while (await reader.ReadAsync())
            {
                rows.Add(new SqlRow(reader.GetGuid(0), reader.GetInt64(1), reader.GetDecimal(2)));
            }

            return rows;
        }
        finally
        {
            command.Connection = null;
        }
    }

    private static long Micro(double weight) => (long)((decimal)weight * 1_000_000m);

    private static int RoundUnits(double value)
    {
        var units = Math.Round(value * 10_000, MidpointRounding.AwayFromZero);
        return units <= 0 ? 0 : units >= 10_000 ? 10_000 : (int)units;
    }
}
