using System;
using System.Text;
using System.Text.RegularExpressions;

namespace SkillRt.AgentDoc;

/// <summary>
/// Turns the prose of an OpenAPI document (Markdown for people) into short text for agents: the first
/// paragraph, links reduced to their text, HTML and images dropped, white space collapsed, and cut at a
/// sentence end within a bound, so every operation's purpose stays a few lines.
/// </summary>
internal static partial class AgentText
{
    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"\[([^\]]+)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex Html();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    /// <summary>The first paragraph that has words, cleaned, at most about <paramref name="maxLength"/> characters.</summary>
    public static string? FirstParagraph(string? markdown, int maxLength = 400)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return null;
        }

        foreach (var paragraph in ParagraphBreak().Split(markdown.Replace("\r\n", "\n")))
        {
            var text = Clean(paragraph);
            // Headings and tables are layout for people, not a description.
            if (text.Length == 0 || paragraph.TrimStart().StartsWith('#') || paragraph.TrimStart().StartsWith('|'))
            {
                continue;
            }

            return Cut(text, maxLength);
        }

        return null;
    }

    /// <summary>The first sentence of the text, cleaned, without its final period.</summary>
    public static string? FirstSentence(string? markdown, int maxLength = 120)
    {
        var paragraph = FirstParagraph(markdown, maxLength * 4);
        if (paragraph is null)
        {
            return null;
        }

        var end = SentenceEnd(paragraph, 0);
        var sentence = end < 0 ? paragraph : paragraph.Substring(0, end + 1);
        return Cut(sentence, maxLength).TrimEnd('.', ' ');
    }

    public static string Clean(string markdown)
    {
        var text = Image().Replace(markdown, string.Empty);
        text = Link().Replace(text, "$1");
        text = Html().Replace(text, " ");
        return Space().Replace(text, " ").Trim();
    }

    /// <summary>Lowercase words joined by '-': an ID or name from a title ("OpenAI API" gives "openai-api").</summary>
    public static string Slug(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var slug = builder.ToString().Trim('-');
        return slug.Length > 100 ? slug.Substring(0, 100).TrimEnd('-') : slug;
    }

    private static string Cut(string text, int maxLength)
    {
        if (text.Length <= maxLength)
        {
            return text;
        }

        // At the last sentence end that fits, else at a word, with an ellipsis that says text was left out.
        var end = -1;
        for (var next = SentenceEnd(text, 0); next >= 0 && next < maxLength; next = SentenceEnd(text, next + 1))
        {
            end = next;
        }

        if (end > maxLength / 3)
        {
            return text.Substring(0, end + 1);
        }

        var space = text.LastIndexOf(' ', maxLength);
        return text.Substring(0, space > 0 ? space : maxLength).TrimEnd(',', ';', ':') + "…";
    }

    // A '.', '!' or '?' followed by white space or the end; "e.g." and "v1.2" are not ends.
    private static int SentenceEnd(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] is '.' or '!' or '?' && (i + 1 == text.Length || text[i + 1] == ' ') && !(i >= 3 && text.AsSpan(i - 3, 4).SequenceEqual("e.g.") || i >= 3 && text.AsSpan(i - 3, 4).SequenceEqual("i.e.")))
            {
                return i;
            }
        }

        return -1;
    }
}
