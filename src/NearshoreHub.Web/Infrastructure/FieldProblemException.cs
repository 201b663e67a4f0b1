namespace NearshoreHub.Web.Infrastructure;

/// <summary>
/// A request that is well-formed but cannot be carried out because of one field's value; leaves as 422 problem
/// details whose <c>errors</c> object names the field.
/// </summary>
public sealed class FieldProblemException : Exception
{
    public FieldProblemException() : this("request", "The request cannot be carried out.") { }

    public FieldProblemException(string message) : this("request", message) { }

    public FieldProblemException(string message, Exception inner) : base(message, inner) => Field = "request";

    public FieldProblemException(string field, string message) : base(message) => Field = field;

    public string Field { get; }
}
