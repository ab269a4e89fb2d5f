using System;
using System.Globalization;
using System.Text;

namespace SkillRt.Scanning.Engine;

/// <summary>
/// Makes offending text safe to show: a finding's evidence and paths go to terminals, build logs and
/// web pages, so control characters, bidi controls, zero-width and tag characters (the very things
/// some rules find) are spelled out as <c>&lt;U+202E&gt;</c> instead of being printed, and long text
/// is cut. Secrets are masked so a report does not leak what it warns about.
/// </summary>
internal static class Evidence
{
    public const int MaxLength = 160;

    /// <summary>The line of <paramref name="text"/> holding <paramref name="index"/>, trimmed and cut around the match.</summary>
    public static string Around(string text, int index, int length)
    {
        index = Math.Max(0, Math.Min(index, text.Length));
        var start = text.LastIndexOf('\n', Math.Max(0, index - 1)) + 1;
        if (index == 0)
        {
            start = 0;
        }

        var end = text.IndexOf('\n', index);
        if (end < 0)
        {
            end = text.Length;
        }

        // Keep the match in view: a long line is cut to a window that starts a little before it.
        if (end - start > MaxLength)
        {
            var windowStart = Math.Max(start, index - 40);
            var windowEnd = Math.Min(end, Math.Max(windowStart + MaxLength, index + length));
            return (windowStart > start ? "…" : string.Empty) + Escape(text.Substring(windowStart, windowEnd - windowStart).Trim(), MaxLength) + (windowEnd < end ? "…" : string.Empty);
        }

        return Escape(text.Substring(start, end - start).Trim(), MaxLength);
    }

    /// <summary>Spells out every character a reader could not see or that would change how the rest displays.</summary>
    public static string Escape(string text, int maxLength = MaxLength)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 8);
        for (var i = 0; i < text.Length; i++)
        {
            if (builder.Length >= maxLength)
            {
                builder.Append('…');
                break;
            }

            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                var codePoint = char.ConvertToUtf32(c, text[i + 1]);
                if (IsHidden(codePoint))
                {
                    AppendCodePoint(builder, codePoint);
                }
                else
                {
                    builder.Append(c).Append(text[i + 1]);
                }

                i++;
                continue;
            }

            if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (char.IsSurrogate(c) || IsHidden(c))
            {
                AppendCodePoint(builder, c);
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>A secret shown by its first characters and length only: <c>AKIA…(20 characters)</c>.</summary>
    public static string Mask(string secret)
    {
        var shown = secret.Length <= 8 ? 2 : 4;
        return Escape(secret.Substring(0, Math.Min(shown, secret.Length))) + "…(" + secret.Length.ToString(CultureInfo.InvariantCulture) + " characters)";
    }

    /// <summary>The <c>U+XXXX</c> name of a code point.</summary>
    public static string Name(int codePoint) => "U+" + codePoint.ToString(codePoint > 0xFFFF ? "X5" : "X4", CultureInfo.InvariantCulture);

    /// <summary>Control, format (bidi, zero-width, tag), separator other than space, private-use and unassigned code points.</summary>
    public static bool IsHidden(int codePoint)
    {
        if (codePoint is < 0x20 or (>= 0x7F and <= 0x9F))
        {
            return true;
        }

        if (codePoint < 0x80)
        {
            return false;
        }

        var category = codePoint > 0xFFFF
            ? CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(codePoint), 0)
            : CharUnicodeInfo.GetUnicodeCategory((char)codePoint);
        return category is UnicodeCategory.Format or UnicodeCategory.Control or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
            or UnicodeCategory.Surrogate;
    }

    private static void AppendCodePoint(StringBuilder builder, int codePoint) => builder.Append('<').Append(Name(codePoint)).Append('>');
}
