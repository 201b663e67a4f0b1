using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NearshoreHub.Web.Data;
using NearshoreHub.Web.Data.Entities;

namespace NearshoreHub.Web.Features.Skills;

public sealed record SkillInfo(int Id, string Name, string Slug, SkillCategory Category, IReadOnlyList<string> Aliases);

/// <summary>
/// The skills catalogue held in memory: every API input resolves names and aliases through it, and every
/// output takes canonical names from it. Reloaded after catalogue edits here and every 30 s for edits
/// made through other instances.
/// </summary>
public sealed class SkillCatalog(IServiceScopeFactory scopes, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _reloadLock = new(1, 1);
    private Snapshot _snapshot = Snapshot.Empty;

    public IReadOnlyList<SkillInfo> All => _snapshot.Skills;

    public SkillInfo? Get(int id) => _snapshot.ById.GetValueOrDefault(id);

    /// <summary>Name, slug or alias, case-insensitively.</summary>
    public SkillInfo? Resolve(string? input) =>
        input is null ? null : _snapshot.ByToken.GetValueOrDefault(Normalize(input));

    /// <summary>
    /// As <see cref="Resolve"/>, and failing that with accents ignored on both sides ("JÁVA" is Java, "gestion" is an
    /// added "Gestión"): the recruiter search's free text is accent-blind, skills included.
    /// </summary>
    public SkillInfo? ResolveIgnoringAccents(string? input) =>
        input is null ? null : Resolve(input) ?? _snapshot.ByFoldedToken.GetValueOrDefault(Fold(input));

    public IReadOnlyList<(int SkillId, double Similarity)> RelatedTo(int id) =>
        _snapshot.Related.GetValueOrDefault(id) ?? [];

    public IReadOnlyDictionary<int, IReadOnlyList<(int SkillId, double Similarity)>> Relations => _snapshot.Related;

    /// <summary>Closest known canonical names by edit distance, for "did you mean" answers.</summary>
    public IReadOnlyList<string> Suggest(string input, int count = 3)
    {
        var token = Normalize(input);
        return _snapshot.ByToken
            .Select(kv => (kv.Value.Name, Distance: Levenshtein(token, kv.Key) - (kv.Key.StartsWith(token, StringComparison.Ordinal) ? 1 : 0)))
            .GroupBy(x => x.Name)
            .Select(g => (Name: g.Key, Distance: g.Min(x => x.Distance)))
            .OrderBy(x => x.Distance).ThenBy(x => x.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(x => x.Name)
            .ToList();
    }

    public string Describe(string input)
    {
        var suggestions = Suggest(input);
        return suggestions.Count == 0
            ? $"Unknown skill '{input}'."
            : $"Unknown skill '{input}'. Did you mean: {string.Join(", ", suggestions)}?";
    }

    public async Task EnsureFreshAsync(CancellationToken ct = default)
    {
        if (clock.GetUtcNow() - _snapshot.LoadedAt > RefreshInterval)
        {
            await ReloadAsync(ct);
        }
    }

    public async Task ReloadAsync(CancellationToken ct = default)
    {
        await _reloadLock.WaitAsync(ct);
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<NearshoreDbContext>();
            var skills = await db.Skills.AsNoTracking().OrderBy(s => s.Name)
                .Select(s => new SkillInfo(s.Id, s.Name, s.Slug, s.Category, s.Aliases))
                .ToListAsync(ct);
            var relations = await db.SkillRelations.AsNoTracking().ToListAsync(ct);
            _snapshot = Snapshot.Create(skills, relations, clock.GetUtcNow(), _snapshot.Generation + 1);
        }
        finally
        {
            _reloadLock.Release();
        }
    }

    public void Dispose() => _reloadLock.Dispose();

    public static string Normalize(string input) => input.Trim().ToLowerInvariant();

    /// <summary><see cref="Normalize"/> without diacritics: decomposed, combining marks dropped.</summary>
    internal static string Fold(string input)
    {
        var normalized = Normalize(input);
        if (!normalized.AsSpan().ContainsAnyInRange('\u0080', '\uffff'))
        {
            return normalized;
        }

        string decomposed;
        try
        {
            decomposed = normalized.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be decomposed; such text matches no skill anyway.
            return normalized;
        }

        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    private static int Levenshtein(string a, string b)
    {
        if (a.Length == 0)
        {
            return b.Length;
        }

        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private sealed record Snapshot(
        IReadOnlyList<SkillInfo> Skills,
        FrozenDictionary<int, SkillInfo> ById,
        FrozenDictionary<string, SkillInfo> ByToken,
        FrozenDictionary<string, SkillInfo> ByFoldedToken,
        IReadOnlyDictionary<int, IReadOnlyList<(int SkillId, double Similarity)>> Related,
        DateTimeOffset LoadedAt,
        long Generation)
    {
        public static readonly Snapshot Empty = Create([], [], DateTimeOffset.MinValue, 0);

        public static Snapshot Create(IReadOnlyList<SkillInfo> skills, IReadOnlyList<SkillRelation> relations, DateTimeOffset loadedAt, long generation)
        {
            var byToken = new Dictionary<string, SkillInfo>(StringComparer.Ordinal);
            foreach (var skill in skills)
            {
                byToken.TryAdd(Normalize(skill.Name), skill);
                byToken.TryAdd(Normalize(skill.Slug), skill);
            }

            // Canonical names and slugs win over aliases when they collide.
            foreach (var skill in skills)
            {
                foreach (var alias in skill.Aliases)
                {
                    byToken.TryAdd(Normalize(alias), skill);
                }
            }

            var byFoldedToken = new Dictionary<string, SkillInfo>(StringComparer.Ordinal);
            foreach (var (token, skill) in byToken)
            {
                byFoldedToken.TryAdd(Fold(token), skill);
            }

            var related = relations
                .GroupBy(r => r.SkillId)
                .ToDictionary(g => g.Key, g => (IReadOnlyList<(int, double)>)g.Select(r => (r.RelatedSkillId, r.Similarity)).ToList());
            return new Snapshot(skills, skills.ToFrozenDictionary(s => s.Id), byToken.ToFrozenDictionary(StringComparer.Ordinal), byFoldedToken.ToFrozenDictionary(StringComparer.Ordinal), related, loadedAt, generation);
        }
    }
}
