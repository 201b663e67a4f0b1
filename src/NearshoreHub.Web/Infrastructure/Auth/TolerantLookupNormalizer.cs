using Microsoft.AspNetCore.Identity;

namespace NearshoreHub.Web.Infrastructure.Auth;

/// <summary>
/// Identity's lookup keys as its default normalizer makes them (Unicode form C, upper-case invariant), except that a
/// name or email holding code points that cannot be normalized (a lone surrogate, U+FFFE) is upper-cased as it is
/// instead of throwing: the default turned such a sign-in into a 500. No stored account has such a key (emails are
/// validated before they are stored), so the lookup simply finds nobody and sign-in answers as for any unknown email.
/// </summary>
public sealed class TolerantLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => Normalize(name);

    public string? NormalizeEmail(string? email) => Normalize(email);

    private static string? Normalize(string? key)
    {
        if (key is null)
        {
            return null;
        }

        try
        {
            return key.Normalize().ToUpperInvariant();
        }
        catch (ArgumentException)
        {
            return key.ToUpperInvariant();
        }
    }
}
