using System;
using System.Collections.Generic;

namespace SkillRt.Scanning.Rules.Secrets;

/// <summary>Tells a real-looking secret from a placeholder, by shape and by Shannon entropy.</summary>
internal static class SecretText
{
    private static readonly string[] PlaceholderMarks = ["example", "xxxx", "XXXX", "****", "....", "…", "<", ">", "your", "YOUR", "placeholder", "PLACEHOLDER", "changeme", "CHANGEME", "dummy", "DUMMY", "sample", "SAMPLE", "redacted", "REDACTED", "fake", "FAKE", "test", "TEST", "0123456789", "abcdef", "ABCDEF", "1234567890"];

    public static bool IsPlaceholder(string value)
    {
        foreach (var mark in PlaceholderMarks)
        {
            if (value.IndexOf(mark, StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }
        }

        // aaaaaaaa…, 00000000…: one character repeated over most of it.
        var counts = new Dictionary<char, int>();
        foreach (var c in value)
        {
            counts.TryGetValue(c, out var n);
            counts[c] = n + 1;
        }

        foreach (var count in counts.Values)
        {
            if (count * 2 > value.Length)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Bits of Shannon entropy per character.</summary>
    public static double Entropy(string value)
    {
        if (value.Length == 0)
        {
            return 0;
        }

        var counts = new Dictionary<char, int>();
        foreach (var c in value)
        {
            counts.TryGetValue(c, out var n);
            counts[c] = n + 1;
        }

        var entropy = 0.0;
        foreach (var count in counts.Values)
        {
            var p = count / (double)value.Length;
            entropy -= p * Math.Log(p, 2);
        }

        return entropy;
    }

    public static bool HasLettersAndDigits(string value)
    {
        bool letter = false, digit = false;
        foreach (var c in value)
        {
            letter |= char.IsLetter(c);
            digit |= char.IsDigit(c);
        }

        return letter && digit;
    }
}
