namespace NearshoreHub.Web.Features.Common;

/// <summary>
/// Reads an enum from text by its declared names only, case-insensitively. Enum.TryParse also takes numbers ("1",
/// "+1") and comma-joined names ("mid,senior" is their bitwise or), which for these enums silently name another value.
/// </summary>
public static class EnumNames
{
    public static bool TryParse<T>(ReadOnlySpan<char> text, out T value) where T : struct, Enum
    {
        var names = Names<T>.All;
        for (var i = 0; i < names.Length; i++)
        {
            if (text.Equals(names[i], StringComparison.OrdinalIgnoreCase))
            {
                value = Names<T>.Values[i];
                return true;
            }
        }

        value = default;
        return false;
    }

    private static class Names<T> where T : struct, Enum
    {
        public static readonly T[] Values = Enum.GetValues<T>();
        public static readonly string[] All = Values.Select(v => Enum.GetName(v)!).ToArray();
    }
}
