using System.Data;
using System.Text.Json;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Skills;
using NearshoreHub.Web.Infrastructure.Threading;
using Npgsql;

namespace NearshoreHub.Web.Features.Professionals;

/// <summary>
/// Bulk CSV import (product spec §5). The body is read record by record and each row looked up by normalised email
/// while reading: new rows are written chunk by chunk while the rest is read (<see cref="ImportNewRows"/>), unchanged rows (same
/// digest) are left alone (<see cref="ImportStaging"/>), rows with another digest are updated chunk by chunk between
/// the new rows' chunks (<see cref="ImportUpdate"/>) and rows stored without a digest are compared and merged set-based
/// (<see cref="ImportMerge"/>), all in one transaction, so a broken file or an atomic import with rejected rows
/// leaves the database as it was. The transaction ends as every professional write does (<see cref="ProfessionalWrites"/>).
/// The whole import runs on <see cref="BulkWorkScheduler"/>'s threads, below the API's requests in priority, and below
/// a PostgreSQL on the same host only where the kernel weighs their threads against each other (see there).
/// </summary>
public sealed class ProfessionalImport(
    NearshoreDbContext db, SkillCatalog catalog, IValidator<ProfessionalRequest> validator, ProfessionalWrites writes,
    TimeProvider clock, BulkWorkScheduler scheduler, ILogger<ProfessionalImport> logger)
{
    /// <summary>Rejected rows listed in the answer; the count beside them is always complete.</summary>
    public const int MaxListedRejections = 10_000;

    /// <exception cref="CsvFormatException">The file cannot be read as the import format; nothing was written.</exception>
    public Task<ImportOutcome> ImportAsync(Stream body, ImportMode mode, CancellationToken ct) => RunAsync(body, mode, rehearsal: false, ct);

    /// <summary>
    /// The whole import of <paramref name="body"/>, every statement included, then rolled back: nothing stays, nothing
    /// is announced. <see cref="ImportWarmUp"/> runs it at start so the first real import finds its code compiled.
    /// </summary>
    public Task<ImportOutcome> RehearseAsync(Stream body, CancellationToken ct) => RunAsync(body, ImportMode.Partial, rehearsal: true, ct);

    private Task<ImportOutcome> RunAsync(Stream body, ImportMode mode, bool rehearsal, CancellationToken ct) =>
        scheduler.RunAsync(() => RunHereAsync(body, mode, rehearsal, ct), ct);

    private async Task<ImportOutcome> RunHereAsync(Stream body, ImportMode mode, bool rehearsal, CancellationToken ct)
    {
        var rejections = new ImportRejections(MaxListedRejections);
        var phases = new ImportPhases();
        var now = clock.GetUtcNow();
        await db.Database.OpenConnectionAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        await ProfessionalsTable.ForMergeAsync(connection, ct);

        var encoder = new ImportRowEncoder(catalog, validator);
        var staged = await new ImportStaging(connection, encoder, rejections, phases, rehearsal ? ImportSizes.Rehearsal : ImportSizes.Import).StageAsync(body, now, mode == ImportMode.Atomic, ct);
        var readMs = phases.TotalMs;
        if (mode == ImportMode.Atomic && rejections.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            return new ImportOutcome(new ImportResult(0, 0, 0, rejections.Listed(), rejections.Count), false, []);
        }

        var routed = staged.Routed;
        var updatedByDigest = staged.Changes.Updated;
        var merged = staged.Staged > 0 ? await new ImportMerge(connection, phases).MergeAsync(staged, now, ct) : new MergedRows(0, 0, []);
        var inserted = routed.InsertedIds.Count + merged.Inserted;
        var updated = updatedByDigest + merged.Updated;
        List<Guid> changed = [.. routed.InsertedIds, .. routed.ChangedIds, .. merged.ChangedIds];
        if (rehearsal)
        {
            await transaction.RollbackAsync(ct);
            return new ImportOutcome(new ImportResult(inserted, updated, staged.Rows - inserted - updated, rejections.Listed(), rejections.Count), false, []);
        }

        await writes.CommitAsync(transaction, [.. routed.ChangedIds, .. merged.ChangedIds], routed.InsertedIds, ct);
        phases.End("notify+commit");

        var unchanged = staged.Rows - inserted - updated;
        logger.LogInformation("Import phases: {Phases}", phases);
        logger.LogInformation(
            "Import: {Rows} valid rows read, new ones copied in {ReadMs} ms, the rest merged in {MergeMs} ms ({Inserted} inserted, {Updated} updated, {Unchanged} unchanged, {Rejected} rejected)",
            staged.Rows, readMs, phases.TotalMs - readMs, inserted, updated, unchanged, rejections.Count);
        var result = new ImportResult(inserted, updated, unchanged, rejections.Listed(), rejections.Count);
        return new ImportOutcome(result, true, changed);
    }

    /// <summary>
    /// <see cref="ProfessionalMapping.Apply"/> for a request the fast check passed, from the skill ids and working days
    /// it resolved, without resolving them again (the same <see cref="ProfessionalMapping.ApplyFields"/>); the import
    /// spent a good share of its check time in Apply's lookups and allocations. The professional has no skill entities
    /// (its list stays empty): its skills come as parallel arrays ordered by skill id, the order of the digest, the
    /// staging table and the COPY. Building six or seven entities and a list per row, then copying them into these
    /// arrays, was a fifth of what the check allocated.
    /// </summary>
    internal static CheckedProfessional ToImportRow(ProfessionalRequest request, ReadOnlySpan<int> skillIds, short workDays, DateTimeOffset now)
    {
        var professional = new Professional { FullName = "", Email = "", NormalizedEmail = "", Country = "", City = "", TimeZone = "" };
        professional.ApplyFields(request, workDays, now);
        var requested = request.Skills!;
        var skills = skillIds.Length <= 64 ? stackalloc (int, short, short)[skillIds.Length] : new (int, short, short)[skillIds.Length];
        for (var i = 0; i < skills.Length; i++)
        {
            skills[i] = (skillIds[i], (short)requested[i].Level, (short)requested[i].Years);
        }

        ProfessionalImportHash.SortBySkill(skills);
        professional.ImportHash = ProfessionalImportHash.Of(professional, skills);
        var (ids, levels, years) = (new int[skills.Length], new short[skills.Length], new short[skills.Length]);
        for (var i = 0; i < skills.Length; i++)
        {
            (ids[i], levels[i], years[i]) = skills[i];
        }

        return new CheckedProfessional(professional, ids, levels, years);
    }

    internal static string Summary(ImportResult result) => JsonSerializer.Serialize(new
    {
        result.Inserted,
        result.Updated,
        result.Unchanged,
        result.RejectedCount,
    });
}

/// <summary>A checked row's professional (no skill entities) and its skills as parallel arrays ordered by skill id.</summary>
internal readonly record struct CheckedProfessional(Professional Professional, int[] SkillIds, short[] SkillLevels, short[] SkillYears);
