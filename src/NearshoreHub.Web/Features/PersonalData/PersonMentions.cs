using System.Text;
using NearshoreHub.Web.Features.Skills;

namespace NearshoreHub.Web.Features.PersonalData;

/// <summary>
/// Where free text a recruiter wrote mentions a person: their full name or email as whole words, ignoring case, accents
/// (folded as the search folds them, by <see cref="SkillCatalog.Fold"/>) and runs of white space, so "joao  ARAUJO"
/// mentions João Araújo while "Ana Limares" does not mention Ana Lima.
/// </summary>
public sealed class PersonMentions(PersonalIdentifiers person)
{
    private readonly string[] _needles = new[] { person.FullName, person.Email }
        .Select(v => FoldedText.Of(v.Trim()).Text).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The spans of <paramref name="text"/> (start, exclusive end) that mention the person, in order, overlaps merged.</summary>
    public List<(int Start, int End)> Find(string text)
    {
        var folded = FoldedText.Of(text);
        var found = new List<(int Start, int End)>();
        foreach (var needle in _needles)
        {
            for (var at = folded.Text.IndexOf(needle, StringComparison.Ordinal); at >= 0;
                at = folded.Text.IndexOf(needle, at + 1, StringComparison.Ordinal))
            {
                var end = at + needle.Length;
                if (IsWordEdge(folded.Text, at - 1) && IsWordEdge(folded.Text, end))
                {
                    found.Add((folded.Starts[at], folded.Ends[end - 1]));
                }
            }
        }

        var merged = new List<(int Start, int End)>();
        foreach (var span in found.OrderBy(s => s.Start))
        {
            if (merged.Count > 0 && span.Start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, span.End));
            }
            else
            {
                merged.Add(span);
            }
        }

        return merged;
    }

    /// <summary><paramref name="text"/> with every mention of the person replaced.</summary>
    public string Replace(string text, string replacement)
    {
        var spans = Find(text);
        if (spans.Count == 0)
        {
            return text;
        }

        var result = new StringBuilder(text.Length);
        var from = 0;
        foreach (var (start, end) in spans)
        {
            result.Append(text, from, start - from).Append(replacement);
            from = end;
        }

        return result.Append(text, from, text.Length - from).ToString();
    }

    private static bool IsWordEdge(string text, int at) => at < 0 || at >= text.Length || !char.IsLetterOrDigit(text[at]);

    /// <summary>
    /// Text folded one character at a time, with where each folded character came from: <see cref="Starts"/> is its
    /// source index, <see cref="Ends"/> the end of its source including the combining marks and spaces folded away after it.
    /// </summary>
    private sealed record FoldedText(string Text, List<int> Starts, List<int> Ends)
    {
        public static FoldedText Of(string source)
        {
            var text = new StringBuilder(source.Length);
            var starts = new List<int>(source.Length);
            var ends = new List<int>(source.Length);
            for (var i = 0; i < source.Length;)
            {
                var length = char.IsSurrogatePair(source, i) ? 2 : 1;
                var piece = char.IsWhiteSpace(source[i]) ? (text.Length > 0 && text[^1] == ' ' ? "" : " ") : SkillCatalog.Fold(source.Substring(i, length));
                if (piece.Length == 0 && ends.Count > 0)
                {
                    ends[^1] = i + length;
                }

                foreach (var c in piece)
                {
                    text.Append(c);
                    starts.Add(i);
                    ends.Add(i + length);
                }

                i += length;
            }

            return new FoldedText(text.ToString(), starts, ends);
        }
    }
}
