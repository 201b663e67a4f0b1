using System.Globalization;
using FluentValidation;

namespace NearshoreHub.Web.Features.Common;

/// <summary>
/// Names and other text shown to people: no control characters and no invisible format characters, i.e. no bidi
/// controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) and no zero-width characters (U+200B–U+200D, U+2060,
/// U+FEFF), which make a name display as something other than what is stored.
/// </summary>
public static class TextRules
{
    public const string Message = "Must not contain control characters, bidi controls or zero-width characters.";

    public static bool IsHidden(char c) =>
        char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format;

    public static bool IsVisibleText(string? value)
    {
        if (value is null)
        {
            return true;
        }

        foreach (var c in value)
        {
            if (IsHidden(c))
            {
                return false;
            }
        }

        return true;
    }

    public static IRuleBuilderOptions<T, string?> MustBeVisibleText<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(IsVisibleText).WithMessage(Message);
}
