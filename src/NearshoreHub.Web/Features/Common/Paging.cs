using FluentValidation;

namespace NearshoreHub.Web.Features.Common;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total);

public record PageQuery
{
    public const int MaxLimit = 200;

    /// <summary>Deeper pages are refused: a list this deep is an export, not a page.</summary>
    public const int MaxOffset = 10_000_000;

    /// <summary>The longest free-text filter (q) a list accepts.</summary>
    public const int MaxQueryText = 200;
    public int? Offset { get; init; }
    public int? Limit { get; init; }
    public int OffsetOrDefault => Offset ?? 0;
    public int LimitOrDefault => Limit ?? 50;
}

public static class PageRules
{
    public static void AddPageRules<T>(this AbstractValidator<T> validator) where T : PageQuery
    {
        validator.RuleFor(q => q.Offset).InclusiveBetween(0, PageQuery.MaxOffset);
        validator.RuleFor(q => q.Limit).InclusiveBetween(1, PageQuery.MaxLimit);
    }
}
