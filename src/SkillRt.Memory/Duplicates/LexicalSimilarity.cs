using System.Collections.Generic;

namespace SkillRt.Memory.Duplicates;

/// <summary>
/// Similarity without a model: the Jaccard index of the character trigrams of the normalised texts.
/// Trigrams (rather than words) survive inflections and typos: "retries" and "retried" share most.
/// </summary>
internal static class LexicalSimilarity
{
    public static HashSet<string> Trigrams(string text)
    {
        var normalised = " " + TextForm.Normalise(text) + " ";
        var grams = new HashSet<string>(System.StringComparer.Ordinal);
        for (var i = 0; i + 3 <= normalised.Length; i++)
        {
            grams.Add(normalised.Substring(i, 3));
        }

        return grams;
    }

    public static double Jaccard(HashSet<string> a, HashSet<string> b)
    {
        if (a.Count == 0 && b.Count == 0)
        {
            return 1;
        }

        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var shared = 0;
        foreach (var gram in small)
        {
            if (large.Contains(gram))
            {
                shared++;
            }
        }

        return (double)shared / (a.Count + b.Count - shared);
    }
}
