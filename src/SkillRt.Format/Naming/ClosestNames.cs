using System;
using System.Collections.Generic;
using System.Linq;

namespace SkillRt;

/// <summary>
/// The names nearest to one a caller got wrong, for "did you mean": in the agent-doc tools' errors and in
/// the build's error for a declared operation an agent-doc does not have.
/// </summary>
internal static class ClosestNames
{
    /// <summary>
    /// Up to <paramref name="limit"/> of <paramref name="candidates"/>, nearest first: a case-insensitive match,
    /// then names containing the query or contained in it, then small edit distances (a third of the length, at least 2).
    /// </summary>
    public static IReadOnlyList<string> Find(string query, IEnumerable<string> candidates, int limit = 5)
    {
        var wanted = query.Trim().ToLowerInvariant();
        if (wanted.Length == 0)
        {
            return [];
        }

        var scored = new List<(string Name, int Score)>();
        foreach (var candidate in candidates)
        {
            var name = candidate.ToLowerInvariant();
            int score;
            if (name == wanted)
            {
                score = 0;
            }
            else if (name.IndexOf(wanted, StringComparison.Ordinal) >= 0 || wanted.IndexOf(name, StringComparison.Ordinal) >= 0)
            {
                score = 1 + Math.Abs(name.Length - wanted.Length) / 8;
            }
            else
            {
                var distance = Distance(wanted, name, Math.Max(2, wanted.Length / 3));
                if (distance < 0)
                {
                    continue;
                }

                score = 2 + distance;
            }

            scored.Add((candidate, score));
        }

        return scored.OrderBy(s => s.Score).ThenBy(s => s.Name, StringComparer.Ordinal).Take(limit).Select(s => s.Name).ToList();
    }

    // Levenshtein distance, or -1 once it is certainly above the bound (long IDs are not compared in full).
    private static int Distance(string a, string b, int bound)
    {
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return -1;
        }

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
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                rowMinimum = Math.Min(rowMinimum, current[j]);
            }

            if (rowMinimum > bound)
            {
                return -1;
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length] <= bound ? previous[b.Length] : -1;
    }
}
