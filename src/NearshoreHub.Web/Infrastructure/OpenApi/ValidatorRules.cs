using System.Collections.Concurrent;
using System.Reflection;
using FluentValidation;
using FluentValidation.Validators;

namespace NearshoreHub.Web.Infrastructure.OpenApi;

/// <summary>What the FluentValidation rules of one property say about the values it accepts.</summary>
internal sealed record PropertyBounds
{
    public bool Required { get; set; }
    public bool NotEmpty { get; set; }
    public int? MinLength { get; set; }
    public int? MaxLength { get; set; }
    public decimal? Minimum { get; set; }
    public bool ExclusiveMinimum { get; set; }
    public decimal? Maximum { get; set; }
    public bool ExclusiveMaximum { get; set; }
    public string? Pattern { get; set; }
    public int? MinItems { get; set; }
    public int? MaxItems { get; set; }

    /// <summary>Rules given by RuleForEach: they bound each element of a list.</summary>
    public PropertyBounds? Each { get; set; }
}

/// <summary>
/// Reads the bounds every registered validator enforces (NotNull/NotEmpty, Length, InclusiveBetween, comparisons,
/// Matches), including child rules (ChildRules, SetValidator), keyed by the validated type and its property name, so the
/// OpenAPI document states the same limits the server applies: one source of truth, no attribute to keep in step.
/// Rules with a When condition still bound a value that is present but never make it required.
/// </summary>
internal sealed class ValidatorRules
{
    private readonly ConcurrentDictionary<Type, Dictionary<string, PropertyBounds>> _byType = new();

    public ValidatorRules(IServiceProvider services)
    {
        var validatorTypes = typeof(Program).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t));
        foreach (var validatorType in validatorTypes)
        {
            var validated = validatorType.GetInterfaces()
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))?.GetGenericArguments()[0];
            if (validated is not null && services.GetService(typeof(IValidator<>).MakeGenericType(validated)) is IValidator validator)
            {
                Read(validated, validator, depth: 0);
            }
        }
    }

    /// <summary>True when some validator checks values of this type (it is accepted as input).</summary>
    public bool Validates(Type type) => _byType.ContainsKey(type);

    public PropertyBounds? For(Type type, string propertyName) =>
        _byType.TryGetValue(type, out var properties) && properties.TryGetValue(propertyName, out var bounds) ? bounds : null;

    private void Read(Type type, IValidator validator, int depth)
    {
        var properties = _byType.GetOrAdd(type, _ => new Dictionary<string, PropertyBounds>(StringComparer.Ordinal));
        if (depth > 4 || validator is not IEnumerable<IValidationRule> rules)
        {
            return;
        }

        foreach (var rule in rules)
        {
            // Rules on nested paths ("HourlyBudgetUsd.Min") and whole-object rules are not a property's own bounds.
            if (rule.Member is not PropertyInfo member || member.DeclaringType?.IsAssignableFrom(type) != true
                || rule.PropertyName?.Contains('.', StringComparison.Ordinal) == true)
            {
                continue;
            }

            var name = member.Name;

            var isEach = rule.GetType().Name.StartsWith("CollectionPropertyRule", StringComparison.Ordinal);
            if (!properties.TryGetValue(name, out var bounds))
            {
                properties[name] = bounds = new PropertyBounds();
            }

            var target = isEach ? bounds.Each ??= new PropertyBounds() : bounds;
            var unconditional = !rule.HasCondition && !rule.HasAsyncCondition;
            foreach (var component in rule.Components)
            {
                Apply(target, component.Validator, unconditional && !component.HasCondition && !component.HasAsyncCondition && !isEach);
                if (component.Validator is IChildValidatorAdaptor && ChildValidator(component.Validator) is { } inner)
                {
                    var childType = inner.GetType().GetInterfaces()
                        .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))?.GetGenericArguments()[0];
                    if (childType is not null)
                    {
                        Read(Nullable.GetUnderlyingType(childType) ?? childType, inner, depth + 1);
                    }
                }
            }
        }
    }

    private static void Apply(PropertyBounds bounds, IPropertyValidator validator, bool unconditional)
    {
        switch (validator)
        {
            case INotNullValidator when unconditional:
                bounds.Required = true;
                break;
            case INotEmptyValidator:
                bounds.Required |= unconditional;
                bounds.NotEmpty = true;
                break;
            case ILengthValidator length:
                if (length.Min > 0)
                {
                    bounds.MinLength = length.Min;
                }

                if (length.Max > 0)
                {
                    bounds.MaxLength = length.Max;
                }

                break;
            case IBetweenValidator between when Number(between.From) is { } from && Number(between.To) is { } to:
                var exclusive = validator.Name.Contains("Exclusive", StringComparison.Ordinal);
                bounds.Minimum = from;
                bounds.Maximum = to;
                bounds.ExclusiveMinimum = bounds.ExclusiveMaximum = exclusive;
                break;
            case IComparisonValidator comparison when Number(comparison.ValueToCompare) is { } value:
                switch (comparison.Comparison)
                {
                    case Comparison.GreaterThan:
                        (bounds.Minimum, bounds.ExclusiveMinimum) = (value, true);
                        break;
                    case Comparison.GreaterThanOrEqual:
                        (bounds.Minimum, bounds.ExclusiveMinimum) = (value, false);
                        break;
                    case Comparison.LessThan:
                        (bounds.Maximum, bounds.ExclusiveMaximum) = (value, true);
                        break;
                    case Comparison.LessThanOrEqual:
                        (bounds.Maximum, bounds.ExclusiveMaximum) = (value, false);
                        break;
                }

                break;
            case Features.Common.IItemCountValidator count:
                bounds.MinItems = count.Min > 0 ? count.Min : null;
                bounds.MaxItems = count.Max;
                break;
            case IRegularExpressionValidator regex when regex.Expression is { Length: > 0 } expression:
                bounds.Pattern = expression;
                break;
        }
    }

    private static decimal? Number(object? value) => value switch
    {
        int i => i,
        long l => l,
        double d => (decimal)d,
        float f => (decimal)f,
        decimal m => m,
        _ => null,
    };

    // ChildRules and SetValidator keep their validator in a private field; there is no public accessor.
    private static IValidator? ChildValidator(IPropertyValidator adaptor) =>
        adaptor.GetType().GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)
            .Where(f => typeof(IValidator).IsAssignableFrom(f.FieldType))
            .Select(f => f.GetValue(adaptor) as IValidator)
            .FirstOrDefault(v => v is not null);
}
