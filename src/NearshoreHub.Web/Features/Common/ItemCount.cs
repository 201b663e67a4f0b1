using System.Collections;
using FluentValidation;
using FluentValidation.Validators;

namespace NearshoreHub.Web.Features.Common;

/// <summary>A list's length bounds, readable by the OpenAPI document (minItems/maxItems), unlike a Must(...).</summary>
public interface IItemCountValidator
{
    int Min { get; }
    int Max { get; }
}

public sealed class ItemCountValidator<T, TCollection>(int min, int max) : PropertyValidator<T, TCollection>, IItemCountValidator
    where TCollection : IEnumerable?
{
    public int Min => min;
    public int Max => max;
    public override string Name => "ItemCountValidator";

    public override bool IsValid(ValidationContext<T> context, TCollection value)
    {
        if (value is null)
        {
            return true;
        }

        var count = 0;
        foreach (var _ in value)
        {
            count++;
        }

        return count >= min && count <= max;
    }

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        min > 0 ? $"List between {min} and {max} items." : $"List at most {max} items.";
}

public static class ItemCountRules
{
    /// <summary>Null passes (pair with NotNull when the list is required); otherwise between min and max items.</summary>
    public static IRuleBuilderOptions<T, TCollection> ItemCount<T, TCollection>(this IRuleBuilder<T, TCollection> rule, int min, int max)
        where TCollection : IEnumerable? =>
        rule.SetValidator(new ItemCountValidator<T, TCollection>(min, max));
}
