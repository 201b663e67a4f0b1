namespace NearshoreHub.Web.Infrastructure;

/// <summary>A unique value is already taken; leaves as 409.</summary>
public sealed class DuplicateException : Exception
{
    public DuplicateException() : base("The resource already exists.") { }
    public DuplicateException(string message) : base(message) { }
    public DuplicateException(string message, Exception inner) : base(message, inner) { }
}
