using NearshoreHub.Web.Data;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>What the merge wrote: counts and the ids of every professional inserted or updated.</summary>
internal readonly record struct MergedRows(int Inserted, int Updated, List<Guid> ChangedIds);

/// <summary>
/// The import's second half, inside its transaction: one set-based merge of import_rows into professionals by
/// normalised email. The plan keeps only the rows to write; unchanged rows are never touched.
/// </summary>
internal sealed class ImportMerge(NpgsqlConnection connection, ImportPhases phases)
{
    private static readonly string UpdatedValues = string.Join(", ", ProfessionalsTable.DataColumns.Split(", ").Select(c => "x." + c));

    /// <summary>
    /// The two foreign keys of professional_skills cost two trigger queries per skill row, over half the time of
    /// writing the skills (measured: 18.9 s of 30.3 s for 930 000 rows). Both are checked here once for the whole
    /// set instead, with the same guarantee: every professional written is a row this transaction inserted or
    /// updated (so it is ours until commit), and the skills are locked FOR KEY SHARE as the trigger would lock
    /// them. Turning the per-row triggers off needs a superuser; other roles keep them.
    /// </summary>
    private const string KeysHold = """
        WITH wanted AS (SELECT DISTINCT unnest(skill_ids) AS id FROM import_plan WHERE action <> 's'),
             locked AS (SELECT s.id FROM skills s JOIN wanted w ON w.id = s.id FOR KEY SHARE OF s)
        SELECT (SELECT count(*) FROM locked) = (SELECT count(*) FROM wanted)
        """;

    public async Task<MergedRows> MergeAsync(StagedRows staged, DateTimeOffset now, CancellationToken ct)
    {
        var lookUp = staged.LookUpByIndex;
        if (lookUp)
        {
            await ImportSql.ExecuteAsync(connection, "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off", ct);
        }

        // A stored row with a digest is compared by its digest alone, the part that covers the row (every writer keeps it
        // current, see ProfessionalImportHash; digests stored before 2026-12-04 have only that part); one without (seeded, or written before the column existed) column by column and by
        // its skill list, which the subquery aggregates only for those rows. Equal rows are left alone even then, so a
        // re-import never touches them (their xmin and updated_at stay), and the plan keeps only the rows to write.
        await ImportSql.ExecuteAsync(connection, $$"""
            CREATE TEMP TABLE import_plan ON COMMIT DROP AS
            SELECT * FROM (
                SELECT r.*, p.id AS existing_id,
                    CASE
                        WHEN p.id IS NULL THEN 'i'
                        WHEN p.import_hash IS NOT NULL THEN CASE WHEN substr(p.import_hash, 1, {{ProfessionalImportHash.RowLength}}) = substr(r.import_hash, 1, {{ProfessionalImportHash.RowLength}}) THEN 's' ELSE 'u' END
                        WHEN p.full_name = r.full_name AND p.email = r.email AND p.headline = r.headline AND p.country = r.country
                             AND p.city = r.city AND p.city_population = r.city_population AND p.is_rural = r.is_rural
                             AND p.time_zone = r.time_zone AND p.work_start = r.work_start AND p.work_end = r.work_end
                             AND p.work_days = r.work_days AND p.english_level = r.english_level AND p.seniority = r.seniority
                             AND p.hourly_rate_usd = r.hourly_rate_usd AND p.available_from = r.available_from
                             AND p.hours_per_week = r.hours_per_week AND p.status = r.status
                             AND (SELECT coalesce(array_agg(ps.skill_id ORDER BY ps.skill_id), '{}') = r.skill_ids
                                         AND coalesce(array_agg(ps.level ORDER BY ps.skill_id), '{}') = r.skill_levels
                                         AND coalesce(array_agg(ps.years ORDER BY ps.skill_id), '{}') = r.skill_years
                                  FROM professional_skills ps WHERE ps.professional_id = p.id) THEN 's'
                        ELSE 'u'
                    END AS action
                FROM import_rows r
                LEFT JOIN professionals p ON p.normalized_email = r.normalized_email) planned
            WHERE action <> 's'
            """, ct);
        if (lookUp)
        {
            await ImportSql.ExecuteAsync(connection, "SET LOCAL enable_hashjoin = on; SET LOCAL enable_mergejoin = on", ct);
        }

        phases.End(lookUp ? "plan (index lookups)" : "plan");

        int inserted = 0, updated = 0;
        var changed = new List<Guid>();
        await using (var summary = new NpgsqlCommand("SELECT action, coalesce(existing_id, id) FROM import_plan", connection))
        await using (var reader = await summary.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetString(0) == "i")
                {
                    inserted++;
                }
                else
                {
                    updated++;
                }

                changed.Add(reader.GetGuid(1));
            }
        }

        phases.End("summary");

        // Statements with nothing to write are skipped: a re-imported file then costs no more than its plan.
        var nowParameter = new NpgsqlParameter<DateTimeOffset>("now", now);
        if (inserted > 0)
        {
            await ImportSql.ExecuteAsync(connection, $"""
                INSERT INTO professionals (id, {ProfessionalsTable.DataColumns}, created_at, updated_at)
                SELECT id, {ProfessionalsTable.DataColumns}, @now, @now FROM import_plan WHERE action = 'i'
                """, ct, nowParameter);
            phases.End("insert professionals");
        }

        if (updated > 0)
        {
            await ImportSql.ExecuteAsync(connection, $"""
                UPDATE professionals p SET ({ProfessionalsTable.DataColumns}, updated_at) = ROW({UpdatedValues}, @now)
                FROM import_plan x WHERE x.action = 'u' AND p.id = x.existing_id
                """, ct, nowParameter.Clone());
            phases.End("update professionals");
            await ImportSql.ExecuteAsync(connection, """
                DELETE FROM professional_skills s USING import_plan x WHERE x.action = 'u' AND s.professional_id = x.existing_id
                """, ct);
            phases.End("delete skills");
        }

        if (inserted + updated > 0)
        {
            var checkedKeys = await ProfessionalsTable.WithoutRowTriggersAsync(connection, KeysHold, local: true, ct);
            await ImportSql.ExecuteAsync(connection, """
                INSERT INTO professional_skills (professional_id, skill_id, level, years)
                SELECT coalesce(x.existing_id, x.id), u.skill_id, u.level, u.years
                FROM import_plan x, unnest(x.skill_ids, x.skill_levels, x.skill_years) AS u(skill_id, level, years)
                WHERE x.action <> 's'
                """, ct);
            if (checkedKeys)
            {
                await ProfessionalsTable.WithRowTriggersAsync(connection, ct);
            }

            phases.End(checkedKeys ? "insert skills (keys checked once)" : "insert skills");
        }

        return new MergedRows(inserted, updated, changed);
    }
}
