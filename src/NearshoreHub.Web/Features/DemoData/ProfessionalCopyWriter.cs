using NearshoreHub.Matching;
using NearshoreHub.Web.Data;
using Npgsql;
using NpgsqlTypes;

namespace NearshoreHub.Web.Features.DemoData;

/// <summary>
/// Writes batches of professionals and their skills with PostgreSQL binary COPY, the only way to add
/// millions of rows in minutes, in the column order of <see cref="ProfessionalsTable.CopyProfessionals"/>.
/// </summary>
internal sealed class ProfessionalCopyWriter(NpgsqlConnection connection)
{
    /// <summary>
    /// Session settings for a bulk load (ProfessionalsTable.ForBulkLoadAsync). Returns whether foreign-key checks are
    /// skipped for this session: every skill row points at a professional written in the batch already committed and
    /// at a skill id just read from the skills table, so the checks cannot fail.
    /// </summary>
    public async Task<bool> PrepareSessionAsync(CancellationToken ct)
    {
        await ProfessionalsTable.ForBulkLoadAsync(connection, ct);
        return await ProfessionalsTable.WithoutRowTriggersAsync(connection, keysHold: "true", local: false, ct);
    }

    /// <summary>Writes a batch's professionals in one transaction, so a batch is either wholly there or not at all.</summary>
    public async Task WriteProfessionalsAsync(DemoProfessionalBatch batch, DateTimeOffset now, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(ProfessionalsTable.CopyProfessionals, ct);
        WriteProfessionals(importer, batch, now);
        await importer.CompleteAsync(ct);
    }

    /// <summary>Writes a batch's skills; call once its professionals are committed.</summary>
    public async Task WriteSkillsAsync(DemoProfessionalBatch batch, CancellationToken ct)
    {
        await using var importer = await connection.BeginBinaryImportAsync(ProfessionalsTable.CopySkills, ct);
        WriteSkills(importer, batch);
        await importer.CompleteAsync(ct);
    }

    // Rows are written synchronously: per-value awaits cost more than the occasional blocking buffer flush.
    private static void WriteProfessionals(NpgsqlBinaryImporter importer, DemoProfessionalBatch batch, DateTimeOffset now)
    {
        var rows = batch.Professionals;
        for (var i = 0; i < batch.Count; i++)
        {
            ref readonly var row = ref rows[i];
            importer.StartRow();
            importer.Write(row.Id, NpgsqlDbType.Uuid);
            importer.Write(row.FullName, NpgsqlDbType.Varchar);
            importer.Write(row.Email, NpgsqlDbType.Varchar);
            importer.Write(row.NormalizedEmail, NpgsqlDbType.Varchar);
            importer.Write(row.Headline, NpgsqlDbType.Varchar);
            importer.Write(row.Country, NpgsqlDbType.Char);
            importer.Write(row.City, NpgsqlDbType.Varchar);
            importer.Write(row.CityPopulation, NpgsqlDbType.Integer);
            importer.Write(row.IsRural, NpgsqlDbType.Boolean);
            importer.Write(row.TimeZone, NpgsqlDbType.Varchar);
            importer.Write(row.WorkStart, NpgsqlDbType.Time);
            importer.Write(row.WorkEnd, NpgsqlDbType.Time);
            importer.Write(row.WorkDays, NpgsqlDbType.Smallint);
            importer.Write(row.EnglishLevel, NpgsqlDbType.Varchar);
            importer.Write(row.Seniority, NpgsqlDbType.Varchar);
            importer.Write(row.HourlyRateUsd, NpgsqlDbType.Numeric);
            importer.Write(row.AvailableFrom, NpgsqlDbType.Date);
            importer.Write(row.HoursPerWeek, NpgsqlDbType.Integer);
            importer.Write(row.Status, NpgsqlDbType.Varchar);
            importer.Write(row.ImportHash, NpgsqlDbType.Bytea);
            importer.Write(now, NpgsqlDbType.TimestampTz);
            importer.Write(now, NpgsqlDbType.TimestampTz);
        }
    }

    private static void WriteSkills(NpgsqlBinaryImporter importer, DemoProfessionalBatch batch)
    {
        foreach (var skill in batch.Skills)
        {
            importer.StartRow();
            importer.Write(skill.ProfessionalId, NpgsqlDbType.Uuid);
            importer.Write(skill.SkillId, NpgsqlDbType.Integer);
            importer.Write(skill.Level, NpgsqlDbType.Smallint);
            importer.Write(skill.Years, NpgsqlDbType.Smallint);
        }
    }
}
