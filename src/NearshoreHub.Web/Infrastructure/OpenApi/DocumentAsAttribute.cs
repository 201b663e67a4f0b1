namespace NearshoreHub.Web.Infrastructure.OpenApi;

/// <summary>Documents an [AsParameters] type's parameters as another type's (same names) are documented.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class DocumentParametersLikeAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
}

/// <summary>
/// For a query parameter bound as text so that every bad value becomes a 400 keyed by its name (the parser then
/// reads it): documents it as the type and bounds the parser accepts. Use only where no validator states them.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class DocumentAsAttribute(Type type) : Attribute
{
    public Type Type { get; } = type;
    public double Minimum { get; init; } = double.NaN;
    public double Maximum { get; init; } = double.NaN;
    public int MaxLength { get; init; }
    public string? Pattern { get; init; }
    public string? Description { get; init; }
    public string? Example { get; init; }
}
