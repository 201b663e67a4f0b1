using FluentValidation;

namespace NearshoreHub.Web.Features.Common;

public sealed record PagedList<T>(IReadOnlyList<T> Items, int Total);

public record PageQuery
{
    public const int MaxLimit = 200;
    public int? Offset { get; init; }
    public int? Limit { get; init; }
    public int OffsetOrDefault => Offset ?? 0;
    public int LimitOrDefault => Limit ?? 50;
}

public static class PageRules
{
    public static void AddPageRules<T>(this AbstractValidator<T> validator) where T : PageQuery
    {
        validator.RuleFor(q => q.Offset).GreaterThanOrEqualTo(0);
        validator.RuleFor(q => q.Limit).InclusiveBetween(1, PageQuery.MaxLimit);
    }
}
