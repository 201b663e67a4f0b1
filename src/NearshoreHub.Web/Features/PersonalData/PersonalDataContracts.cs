using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;
using NearshoreHub.Web.Features.Common;
using NearshoreHub.Web.Features.Professionals;

namespace NearshoreHub.Web.Features.PersonalData;

public sealed record ShortlistEntryData(Guid ProjectId, ShortlistStatus Status, string Notes, string AddedBy, DateTimeOffset AddedAt, DateTimeOffset UpdatedAt);

/// <summary>One entry of a frozen report that names the person, as stored.</summary>
public sealed record ReportEntryData(Guid ReportId, Guid ProjectId, DateTimeOffset CreatedAt, ReviewStatus ReviewStatus, JsonElement Entry);

public sealed record AuditEntryData(long Id, DateTimeOffset At, string Actor, string Action, string? Target, string? Details);

/// <summary>
/// Everything held about a professional (product.md §14). Features that hold more about a person (notes, interviews,
/// webhook outbox) add their sections through <see cref="IPersonalDataPart"/>; they appear under their own names.
/// </summary>
public sealed record PersonalDataExport(
    Guid ProfessionalId,
    ProfessionalDto Profile,
    IReadOnlyList<SkillLevelDto> Skills,
    IReadOnlyList<ShortlistEntryData> ShortlistEntries,
    IReadOnlyList<ReportEntryData> ReportEntries,
    IReadOnlyList<AuditEntryData> AuditEntries)
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement> Parts { get; init; } = [];
}

public sealed record ErasureRequest(string? Reason);

public sealed record ErasureResult(Guid ProfessionalId, DateTimeOffset ErasedAt, int ReportsPseudonymised, int ShortlistEntriesDeleted, IReadOnlyDictionary<string, int> PartsDeleted);

/// <summary>
/// A feature's personal data about a professional: its section of the export, and its part of an erasure (run inside
/// the erasure's transaction, before the professional's row is deleted). Register as scoped:
/// <c>services.AddScoped&lt;IPersonalDataPart, NotesPersonalData&gt;()</c>.
/// </summary>
public interface IPersonalDataPart
{
    /// <summary>The export's property name, e.g. "notes" or "interviews".</summary>
    string Section { get; }

    Task<object> ExportAsync(NearshoreDbContext db, Guid professionalId, CancellationToken ct);

    /// <summary>Deletes (or scrubs) what names the person; returns the rows affected.</summary>
    Task<int> EraseAsync(NearshoreDbContext db, Guid professionalId, PersonalIdentifiers person, CancellationToken ct);
}

/// <summary>What identifies the person, for finding copies of it in free text and stored bodies.</summary>
public sealed record PersonalIdentifiers(Guid Id, string FullName, string Email);

public sealed class ErasureRequestValidator : AbstractValidator<ErasureRequest>
{
    public ErasureRequestValidator() => RuleFor(r => r.Reason).NotEmpty().MaximumLength(500).MustBeVisibleText();
}
