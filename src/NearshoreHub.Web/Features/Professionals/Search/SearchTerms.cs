namespace NearshoreHub.Web.Features.Professionals;

/// <summary>One term of the free text: a word or a quoted phrase, to be found or (after NOT or a leading -) excluded.</summary>
public sealed record SearchTerm(string Text, bool Exclude, bool Phrase);

/// <summary>
/// Splits the free text <c>q</c> into terms (product spec §13): words separated by white space; <c>"two words"</c> is
/// one phrase; <c>NOT</c> in capitals before a term, or a <c>-</c> at the start of a term or phrase, excludes it.
/// Anything else is taken literally: <c>not</c> in lower case is a word, so is a trailing <c>NOT</c>, and a hyphen
/// inside a word (<c>full-stack</c>) is part of it. An unclosed quote runs to the end of the text.
/// </summary>
public static class SearchTerms
{
    public static IReadOnlyList<SearchTerm> Parse(string? text, int maxTerms)
    {
        var terms = new List<SearchTerm>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return terms;
        }

        var i = 0;
        while (i < text.Length && terms.Count < maxTerms)
        {
            i = SkipSpace(text, i);
            if (i >= text.Length)
            {
                break;
            }

            var exclude = false;
            if (IsNotOperator(text, i))
            {
                exclude = true;
                i = SkipSpace(text, i + 3);
            }

            if (i < text.Length && text[i] == '-' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1]))
            {
                exclude = true;
                i++;
            }

            if (i < text.Length && text[i] == '"')
            {
                var close = text.IndexOf('"', i + 1);
                var end = close < 0 ? text.Length : close;
                var phrase = Collapse(text[(i + 1)..end]);
                i = close < 0 ? text.Length : close + 1;
                if (phrase.Length > 0)
                {
                    terms.Add(new SearchTerm(phrase, exclude, phrase.Contains(' ', StringComparison.Ordinal)));
                }

                continue;
            }

            var start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] != '"')
            {
                i++;
            }

            var word = text[start..i];
            if (word.Length > 0 && word != "-")
            {
                terms.Add(new SearchTerm(word, exclude, false));
            }
        }

        return terms;
    }

    /// <summary>"NOT" in capitals, standing alone, with a term after it.</summary>
    private static bool IsNotOperator(string text, int at)
    {
        if (string.CompareOrdinal(text, at, "NOT", 0, 3) != 0 || at + 3 >= text.Length || !char.IsWhiteSpace(text[at + 3]))
        {
            return false;
        }

        return SkipSpace(text, at + 3) < text.Length;
    }

    private static int SkipSpace(string text, int at)
    {
        while (at < text.Length && char.IsWhiteSpace(text[at]))
        {
            at++;
        }

        return at;
    }

    private static string Collapse(string phrase) =>
        string.Join(' ', phrase.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
