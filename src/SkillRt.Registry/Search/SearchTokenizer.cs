using System;
using System.Collections.Generic;
using System.Text;

namespace SkillRt.Registry.Search;

/// <summary>
/// How the index and queries split text into words: runs of letters and digits, lowercase, with
/// package IDs also split at case changes (<c>Contoso.PrReview</c> → contoso pr review), so a query
/// for a word of an ID finds it. Both engines index these words, so they agree on what a word is.
/// </summary>
internal static class SearchTokenizer
{
    /// <summary>Words longer than this are not indexed (nor put in the vocabulary).</summary>
    public const int MaxWordLength = 64;

    /// <summary>The words of <paramref name="text"/>, lowercase, in order, repeats kept.</summary>
    public static IEnumerable<string> Words(string? text, bool splitCase = false)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var word = new StringBuilder();
        for (var i = 0; i <= text.Length; i++)
        {
            var c = i < text.Length ? text[i] : ' ';
            var boundary = !char.IsLetterOrDigit(c)
                || (splitCase && word.Length > 0 && char.IsUpper(c) && i > 0 && char.IsLower(text[i - 1]));
            if (boundary && word.Length > 0)
            {
                if (word.Length <= MaxWordLength)
                {
                    yield return word.ToString();
                }

                word.Clear();
            }

            if (char.IsLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
            }
        }
    }

    /// <summary>The words of a package ID: its parts and, for camel-cased parts, their pieces too.</summary>
    public static IEnumerable<string> IdWords(string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in Words(id))
        {
            if (seen.Add(word))
            {
                yield return word;
            }
        }

        foreach (var word in Words(id, splitCase: true))
        {
            if (seen.Add(word))
            {
                yield return word;
            }
        }
    }

    /// <summary>The words joined by spaces: what the engines' own tokenizers are given.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words);
}
