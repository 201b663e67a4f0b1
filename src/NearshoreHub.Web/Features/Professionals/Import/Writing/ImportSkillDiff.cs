using NearshoreHub.Web.Data;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>A row's skills as the file lists them, ordered by skill id: parallel arrays, as the worker checked them.</summary>
internal readonly record struct ImportSkillList(int[] SkillIds, short[] Levels, short[] Years);

/// <summary>
/// The skill rows of changed professionals, brought to what the file says by writing only the difference, a chunk at a
/// time (<see cref="ImportUpdate"/>). The file's lists are staged with the rows (import_changes: skill_packed, each
/// entry one bigint, <see cref="Pack"/>; skills_differ for the rows whose digests say their skills differ, or cannot say,
/// <see cref="ImportChangedRows"/>), so PostgreSQL compares those with the stored rows itself, in one statement: it
/// updates the level and years of every skill both list where they differ. Which professionals have another set of
/// skills their digests say; only when some digest cannot say does the same statement find them by comparing the stored
/// skill ids. Only for those are the stored skill ids read here; rows the file no longer lists are deleted and rows it
/// adds are copied in (foreign keys checked once, <see cref="ImportSql.CopySkillsAsync"/>). A file that changes one
/// skill's level of 50,000 people so writes 50,000 skill rows (each on the page that held it, where the table's free
/// fifth has room: ProfessionalSkillConfiguration), and the app reads none of the 325,000 stored ones; a file that
/// changes only their rates runs no statement here. Until 2026-12-03 every stored skill row of the chunk was read here
/// and compared in the app (docs/benchmarks.md, "changed rows' skill rows compared by PostgreSQL"); until 2026-12-04
/// every changed row's skill rows were visited and their sets compared by PostgreSQL (docs/benchmarks.md, "skills told
/// apart by the digest").
/// </summary>
internal sealed class ImportSkillDiff(NpgsqlConnection connection)
{
    /// <summary>A stored skill row packed as <see cref="Pack"/> packs the file's entries (skill_packed).</summary>
    internal const string PackedStored = "((s.skill_id::bigint << 32) | (s.level::bigint << 16) | s.years::bigint)";

    // The file's entry for a stored row's skill, if the file lists it: the list is ordered by skill id, so the last
    // entry not above the skill's highest packed value, found by binary search (width_bucket), is that skill's if its
    // upper half is the skill id; else the file no longer lists it (another entry, or NULL before the first).
    private const string Listed = "x.skill_packed[width_bucket((s.skill_id::bigint << 32) | 4294967295, x.skill_packed)]";

    // A stored row the file lists as it is (most of them: a file that changes one level of a person leaves the other
    // five or six alone) is told by one comparison with the packed list; only the rest are looked up in it. Looking up
    // every stored row in three arrays (ids, levels, years; until 2026-12-04) took about half as long again (6,250
    // people with 58,059 skill rows, one level each changed: 59-60 ms against 38-39 ms; the binary search in the one
    // packed list since 2026-12-05 as fast: tests/NearshoreHub.Benchmarks/Compare/skill-rows-packed.sh,
    // docs/benchmarks.md).
    private const string UpdateLevels = $"""
        UPDATE professional_skills s SET level = (({Listed} >> 16) & 65535)::smallint, years = ({Listed} & 65535)::smallint
        FROM import_changes x
        WHERE x.skills_differ AND s.professional_id = x.id
          AND CASE WHEN {PackedStored} = ANY(x.skill_packed) THEN false ELSE ({Listed} >> 32) = s.skill_id END
        """;

    private const string UpdateLevelsAndFindOtherSets = $"""
        WITH updated AS ({UpdateLevels} RETURNING 1)
        SELECT (SELECT count(*)::integer FROM updated),
               ARRAY(SELECT x.id FROM import_changes x
                     WHERE x.skills_differ AND ARRAY(SELECT (e >> 32)::integer FROM unnest(x.skill_packed) AS e ORDER BY 1) IS DISTINCT FROM
                           ARRAY(SELECT s.skill_id FROM professional_skills s WHERE s.professional_id = x.id ORDER BY s.skill_id))
        """;

    private const string StoredSkillIds = "SELECT s.professional_id, s.skill_id FROM professional_skills s WHERE s.professional_id = ANY(@owners)";

    /// <summary>
    /// One entry of a skill list as one bigint: the skill id in the upper half, level and years below (both within
    /// 0..65535: the check constraint and the validator keep them in 1..5 and 0..60), as <see cref="PackedStored"/> packs a stored row.
    /// </summary>
    public static long Pack(int skillId, short level, short years) => ((long)skillId << 32) | ((long)(ushort)level << 16) | (ushort)years;

    /// <summary>Applies the difference; returns the rows deleted, updated and inserted.</summary>
    public async Task<(int Deleted, int Updated, int Inserted)> ApplyAsync(ImportChangedRows chunk, CancellationToken ct)
    {
        if (!chunk.SkillsDiffer)
        {
            return (0, 0, 0);
        }

        int updated;
        IReadOnlyList<Guid> otherSets = chunk.OtherSets;
        try
        {
            if (!chunk.SetsUnknown)
            {
                updated = await ImportSql.ExecuteAsync(connection, UpdateLevels, ct);
            }
            else
            {
                await using var command = new NpgsqlCommand(UpdateLevelsAndFindOtherSets, connection) { CommandTimeout = 0 };
                await using var reader = await command.ExecuteReaderAsync(ct);
                await reader.ReadAsync(ct);
                updated = reader.GetInt32(0);
                otherSets = reader.GetFieldValue<Guid[]>(1);
            }
        }
        catch (PostgresException e) when (ImportSql.Conflict(e) is { } conflict)
        {
            // A write conflict reads as what it is (409), as for the import's other statements.
            throw conflict;
        }

        if (otherSets.Count == 0)
        {
            return (0, updated, 0);
        }

        var (deleted, inserted) = await ReplaceSetsAsync(otherSets, chunk.Skills, ct);
        return (deleted, updated, inserted);
    }

    /// <summary>For professionals whose set of skills differs: deletes the stored rows the file no longer lists and copies in the ones it adds.</summary>
    private async Task<(int Deleted, int Inserted)> ReplaceSetsAsync(IReadOnlyList<Guid> owners, Dictionary<Guid, ImportSkillList> wanted, CancellationToken ct)
    {
        // What the file wants, skill by skill; each stored one found is taken out, so what is left is new.
        var missing = new Dictionary<(Guid, int), (short Level, short Years)>();
        foreach (var owner in owners)
        {
            var list = wanted[owner];
            for (var k = 0; k < list.SkillIds.Length; k++)
            {
                missing[(owner, list.SkillIds[k])] = (list.Levels[k], list.Years[k]);
            }
        }

        List<Guid> goneOwners = [];
        List<int> goneSkills = [];
        await using (var command = new NpgsqlCommand(StoredSkillIds, connection) { CommandTimeout = 0 })
        {
            command.Parameters.Add(new NpgsqlParameter<Guid[]>("owners", [.. owners]));
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var key = (reader.GetGuid(0), reader.GetInt32(1));
                if (!missing.Remove(key))
                {
                    goneOwners.Add(key.Item1);
                    goneSkills.Add(key.Item2);
                }
            }
        }

        if (goneOwners.Count > 0)
        {
            await ImportSql.ExecuteAsync(connection, """
                DELETE FROM professional_skills s USING unnest(@owners, @skills) AS d(owner, skill)
                WHERE s.professional_id = d.owner AND s.skill_id = d.skill
                """, ct, new NpgsqlParameter<Guid[]>("owners", [.. goneOwners]), new NpgsqlParameter<int[]>("skills", [.. goneSkills]));
        }

        if (missing.Count > 0)
        {
            var rows = new ImportCopyBuffer();
            var skillIds = new HashSet<int>();
            foreach (var ((owner, skill), (level, years)) in missing.OrderBy(m => m.Key.Item1).ThenBy(m => m.Key.Item2))
            {
                rows.StartRow(4);
                rows.Uuid(owner);
                rows.Int32(skill);
                rows.SmallInt(level);
                rows.SmallInt(years);
                skillIds.Add(skill);
            }

            await ImportSql.CopySkillsAsync(connection, rows, skillIds, ct);
        }

        return (goneOwners.Count, missing.Count);
    }
}
