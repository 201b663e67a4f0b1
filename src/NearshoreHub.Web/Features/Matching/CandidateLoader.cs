using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using NodaTime;
using Npgsql;

namespace NearshoreHub.Web.Features.Matching;

/// <summary>
/// Reads professionals for the ranking index with raw Npgsql: two streams ordered by id (people and their
/// skills) merged in one pass, so 2.2 million people load without EF tracking or per-row queries.
/// A row it cannot read (a value this version does not know, written by SQL or a newer version) is left out
/// and reported to <c>skipped</c>: one bad row must not stop the index from building or updating.
/// </summary>
public sealed class CandidateLoader(string connectionString, Action<Guid, string>? skipped = null)
{
    public async Task<int> LoadAllAsync(Action<CandidateRecord> add, CancellationToken ct)
    {
        await using var people = new NpgsqlConnection(connectionString);
        await using var skills = new NpgsqlConnection(connectionString);
        await people.OpenAsync(ct);
        await skills.OpenAsync(ct);
        await using var peopleCommand = new NpgsqlCommand(ProfessionalsTable.SelectAllForRanking, people) { CommandTimeout = 0 };
        await using var skillsCommand = new NpgsqlCommand(ProfessionalsTable.SelectAllSkillsInOwnerOrder, skills) { CommandTimeout = 0 };
        await using var peopleReader = await peopleCommand.ExecuteReaderAsync(ct);
        await using var skillsReader = await skillsCommand.ExecuteReaderAsync(ct);

        var hasSkill = await skillsReader.ReadAsync(ct);
        var buffer = new List<CandidateSkill>(16);
        var count = 0;
        while (await peopleReader.ReadAsync(ct))
        {
            var id = peopleReader.GetGuid(0);
            buffer.Clear();
            // Both streams are in uuid order, which is also Guid.CompareTo order.
            while (hasSkill && skillsReader.GetGuid(0).CompareTo(id) < 0)
            {
                hasSkill = await skillsReader.ReadAsync(ct);
            }

            while (hasSkill && skillsReader.GetGuid(0) == id)
            {
                buffer.Add(new CandidateSkill(skillsReader.GetInt32(1), (byte)skillsReader.GetInt16(2), (byte)skillsReader.GetInt16(3)));
                hasSkill = await skillsReader.ReadAsync(ct);
            }

            if (Read(peopleReader, buffer.ToArray()) is { } record)
            {
                add(record);
                count++;
            }
        }

        return count;
    }

    /// <summary>The current rows of the given people; ids not returned no longer exist.</summary>
    public async Task<IReadOnlyList<CandidateRecord>> LoadAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await ProfessionalsTable.ForIndexLookupsAsync(connection, ct);

        var skills = new Dictionary<Guid, List<CandidateSkill>>();
        await using (var command = new NpgsqlCommand(ProfessionalsTable.SelectSkillsByOwners, connection))
        {
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var owner = reader.GetGuid(0);
                if (!skills.TryGetValue(owner, out var list))
                {
                    skills[owner] = list = [];
                }

                list.Add(new CandidateSkill(reader.GetInt32(1), (byte)reader.GetInt16(2), (byte)reader.GetInt16(3)));
            }
        }

        var records = new List<CandidateRecord>(ids.Count);
        await using (var command = new NpgsqlCommand(ProfessionalsTable.SelectForRankingByIds, connection))
        {
            command.Parameters.AddWithValue("ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                var id = reader.GetGuid(0);
                if (Read(reader, skills.TryGetValue(id, out var list) ? list.ToArray() : []) is { } record)
                {
                    records.Add(record);
                }
            }
        }

        return records;
    }

    private CandidateRecord? Read(NpgsqlDataReader r, CandidateSkill[] skills)
    {
        var id = r.GetGuid(0);
        if (!TryParseName(r.GetString(6), out EnglishLevel english))
        {
            skipped?.Invoke(id, $"unknown English level '{r.GetString(6)}'");
            return null;
        }

        if (!TryParseName(r.GetString(7), out Seniority seniority))
        {
            skipped?.Invoke(id, $"unknown seniority '{r.GetString(7)}'");
            return null;
        }

        // A status this build does not know ranks as inactive.
        return new CandidateRecord(
            id,
            TryParseName(r.GetString(1), out ProfessionalStatus status) ? status : ProfessionalStatus.Inactive,
            r.GetString(2),
            LocalTime.FromTimeOnly(r.GetFieldValue<TimeOnly>(3)),
            LocalTime.FromTimeOnly(r.GetFieldValue<TimeOnly>(4)),
            (WorkDays)r.GetInt16(5),
            english,
            seniority,
            r.GetDecimal(8),
            LocalDate.FromDateOnly(r.GetFieldValue<DateOnly>(9)),
            r.GetString(10),
            CitySizes.FromPopulation(r.GetInt32(11)),
            r.GetBoolean(12),
            skills)
        {
            Profile = ReadProfile(r),
        };
    }

    private static CandidateProfile ReadProfile(NpgsqlDataReader r)
    {
        var text = r.GetString(13);
        var spaces = r.GetInt32(14);

        // search_text is lower(f_unaccent(full_name || ' ' || headline || ' ' || city)); the name ends at the
        // (spaces + 1)-th space. Should unaccent ever turn a character into a space, only name order is affected.
        var nameLength = -1;
        for (var seen = 0; seen <= spaces; seen++)
        {
            var next = text.IndexOf(' ', nameLength + 1);
            if (next < 0)
            {
                nameLength = text.Length;
                break;
            }

            nameLength = next;
        }

        return new CandidateProfile(text, nameLength, Instant.FromDateTimeUtc(r.GetDateTime(15)));
    }

    /// <summary>Enum names only: Enum.TryParse alone would also take "7" or "1,2".</summary>
    private static bool TryParseName<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text, out value) && Enum.IsDefined(value) && text.Length > 0 && char.IsAsciiLetter(text[0]);
}
