using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt.Registry.Search;

/// <summary>
/// Typo tolerance: a query word that no indexed word starts with is replaced by the vocabulary's words
/// within a small edit distance (optimal string alignment, so a swap of two neighbours counts once:
/// "reveiw" is one edit from "review").
/// </summary>
internal static class FuzzyTerms
{
    /// <summary>The most candidates one word expands to.</summary>
    public const int MaxCandidates = 5;

    /// <summary>Words shorter than this are never corrected: too many words are one edit away.</summary>
    public const int MinLength = 3;

    /// <summary>One edit for words up to five letters, two beyond.</summary>
    public static int MaxDistance(string word) => word.Length <= 5 ? 1 : 2;

    /// <summary>The closest candidates within <see cref="MaxDistance"/>, closest first.</summary>
    public static IReadOnlyList<string> Closest(string word, IEnumerable<string> candidates)
    {
        var limit = MaxDistance(word);
        return candidates
            .Where(c => Math.Abs(c.Length - word.Length) <= limit && !string.Equals(c, word, StringComparison.Ordinal))
            .Select(c => (Term: c, Distance: Distance(word, c, limit)))
            .Where(c => c.Distance <= limit)
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Term, StringComparer.Ordinal)
            .Take(MaxCandidates)
            .Select(c => c.Term)
            .ToList();
    }

    /// <summary>The optimal string alignment distance, or <paramref name="limit"/> + 1 once it exceeds the limit.</summary>
    public static int Distance(string a, string b, int limit)
    {
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMinimum = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
                rowMinimum = Math.Min(rowMinimum, value);
            }

            if (rowMinimum > limit)
            {
                return limit + 1;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }
}
