using System;
using System.Collections.Generic;
using System.Text;

namespace SkillRt.Signing.Minisign;

/// <summary>
/// The line and base64 rules the minisign files share. minisign reads each line with <c>fgets</c> into a
/// fixed buffer and strips the trailing CR/LF, nothing else: comments keep their spaces and tabs (the
/// trusted comment minisign writes holds tabs and is signed byte for byte), base64 lines are decoded
/// as they stand.
/// </summary>
internal static class MinisignText
{
    /// <summary>What starts the first line of every minisign file.</summary>
    public const string UntrustedCommentPrefix = "untrusted comment: ";

    /// <summary>What starts the third line of a signature file.</summary>
    public const string TrustedCommentPrefix = "trusted comment: ";

    /// <summary>minisign's buffer for an untrusted comment line (COMMENTMAXBYTES), newline included.</summary>
    public const int UntrustedCommentLineMaxBytes = 1024;

    /// <summary>minisign's buffer for a trusted comment line (TRUSTEDCOMMENTMAXBYTES), newline included.</summary>
    public const int TrustedCommentLineMaxBytes = 8192;

    /// <summary>Key and signature files are a few hundred bytes; more is not one of them.</summary>
    public const int MaxFileChars = 16 * 1024;

    /// <summary>
    /// Splits into lines on LF, dropping one CR before each LF and the empty line after a final LF.
    /// </summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>(text.Split('\n'));
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].EndsWith('\r'))
            {
                lines[i] = lines[i][..^1];
            }
        }
        return lines;
    }

    /// <summary>
    /// Decodes a base64 line that must hold exactly <paramref name="length"/> bytes; null when it does not.
    /// </summary>
    public static byte[]? DecodeBase64(string line, int length)
    {
        var buffer = new byte[length + 3];
        if (!Convert.TryFromBase64String(line, buffer, out var written) || written != length)
        {
            return null;
        }
        return buffer.AsSpan(0, length).ToArray();
    }

    /// <summary>True when the line fits minisign's buffer of <paramref name="maxBytes"/> (newline included).</summary>
    public static bool FitsLineBuffer(string line, int maxBytes) => Encoding.UTF8.GetByteCount(line) + 1 < maxBytes;

    /// <summary>
    /// Checks a comment the caller wants written; minisign cannot read a comment that spans lines or
    /// overflows its line buffer.
    /// </summary>
    public static void ValidateComment(string comment, string prefix, int maxBytes, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(comment, parameterName);
        if (comment.Contains('\n', StringComparison.Ordinal) || comment.Contains('\r', StringComparison.Ordinal))
        {
            throw new ArgumentException("A minisign comment is one line: it cannot hold a line break.", parameterName);
        }
        if (!FitsLineBuffer(prefix + comment, maxBytes))
        {
            throw new ArgumentException(
                $"The comment is too long for minisign: at most {maxBytes - prefix.Length - 2} UTF-8 bytes.", parameterName);
        }
    }
}
