using System.Collections.Generic;

namespace SkillRt.Testing;

/// <summary>Splits text the way a model streams it: roughly a word at a time.</summary>
internal static class WordChunks
{
    /// <summary>
    /// The chunks of <paramref name="text"/>, each one word with the whitespace after it (leading
    /// whitespace joins the first word), so the chunks joined give back the text exactly.
    /// </summary>
    public static IEnumerable<string> Split(string text)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = start;
            while (end < text.Length && char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            // Surrogate halves are not whitespace, so a character outside the BMP is never cut in two.
            while (end < text.Length && !char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            while (end < text.Length && char.IsWhiteSpace(text[end]))
            {
                end++;
            }

            yield return text[start..end];
            start = end;
        }
    }
}
