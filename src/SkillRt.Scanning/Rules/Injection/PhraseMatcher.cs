using System;
using System.Text.RegularExpressions;
using SkillRt.Scanning.Engine;

namespace SkillRt.Scanning.Rules.Injection;

/// <summary>
/// Runs one prompt-injection pattern over a text file and reports each line it matches. The text is
/// matched as a reader sees it: zero-width and other invisible characters are removed first (so
/// <c>ig&lt;U+200B&gt;nore</c> still reads "ignore", and SKILLSEC0202 reports the trick itself), with
/// a map back to the original positions for the line number.
/// </summary>
internal static class PhraseMatcher
{
    public static void Report(Regex pattern, ScanRuleDescriptor rule, string messagePrefix, ScannedFile file, ScanContext context, Func<Match, bool>? accept = null)
    {
        if (file.Text is null || !context.Wants(rule, file.Path))
        {
            return;
        }

        var visible = Visible(file.Text, out var map);
        try
        {
            var lastLine = 0;
            for (var match = pattern.Match(visible); match.Success; match = match.NextMatch())
            {
                if (accept is not null && !accept(match))
                {
                    continue;
                }

                var index = map is null ? match.Index : map[match.Index];
                var line = file.Lines.LineOf(index);
                if (line == lastLine)
                {
                    continue;
                }

                lastLine = line;
                if (!context.Wants(rule, file.Path))
                {
                    context.Sink.NoteMore();
                    return;
                }

                context.Report(rule, messagePrefix + ": \"" + Evidence.Escape(ScanRegex.Collapse(match.Value), 100) + "\"", file.Path, line, Evidence.Around(file.Text, index, match.Length));
            }
        }
        catch (RegexMatchTimeoutException)
        {
            context.Report(rule, messagePrefix + " (the file could not be checked in time; review it by hand)", file.Path);
        }
    }

    /// <summary>The text without format characters (zero-width, bidi, tags, soft hyphen); <paramref name="map"/> gives each kept character's original index, or is null when nothing was removed.</summary>
    internal static string Visible(string text, out int[]? map)
    {
        var hidden = 0;
        for (var i = 0; i < text.Length; i++)
        {
            hidden += InvisibleLength(text, i);
        }

        if (hidden == 0)
        {
            map = null;
            return text;
        }

        var chars = new char[text.Length];
        map = new int[text.Length + 1];
        var j = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var skip = InvisibleLength(text, i);
            if (skip > 0)
            {
                i += skip - 1;
                continue;
            }

            map[j] = i;
            chars[j++] = text[i];
        }

        map[j] = text.Length;
        return new string(chars, 0, j);
    }

    // Format characters, and tag characters (U+E0000–E007F, the surrogate pairs DB40 DC00–DC7F).
    private static int InvisibleLength(string text, int i)
    {
        var c = text[i];
        if (c is '\u00AD' or '\u180E' or (>= '\u200B' and <= '\u200F') or (>= '\u202A' and <= '\u202E') or (>= '\u2060' and <= '\u2069') or '\uFEFF')
        {
            return 1;
        }

        return c == '\uDB40' && i + 1 < text.Length && text[i + 1] is >= '\uDC00' and <= '\uDC7F' ? 2 : 0;
    }
}
