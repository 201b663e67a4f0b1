namespace NearshoreHub.Web.Features.Professionals;

public enum ImportMode { Atomic, Partial }

public sealed record ImportRejection(int Line, string Field, string Message);

public sealed record ImportResult(int Inserted, int Updated, int Unchanged, IReadOnlyList<ImportRejection> Rejected, int RejectedCount);

/// <summary>
/// What an import did: its answer, whether anything was written (false when an atomic import was rolled back because
/// of rejected rows) and the professionals it inserted or updated, for the post-commit step (ProfessionalWrites).
/// </summary>
public sealed record ImportOutcome(ImportResult Result, bool Written, IReadOnlyList<Guid> ChangedIds);
