using System.Collections.Generic;
using System.Text;

namespace SkillRt;

/// <summary>
/// Splits a SKILL.md into frontmatter and body and reads the frontmatter. The rules (spec section
/// "Structure"): a file whose first line, after an optional byte order mark, is <c>---</c> is
/// structured, and its frontmatter ends at the next line that is <c>---</c>; any other file is prose.
/// Trailing spaces and tabs on a delimiter line are ignored.
/// </summary>
internal static class SkillParser
{
    private static readonly IReadOnlyList<SkillDiagnostic> NoDiagnostics = [];

    public static SkillDocument Parse(byte[] bytes, int length, long totalLength, string? path)
    {
        var problem = CheckBytes(bytes, length, totalLength, out var start);
        return problem is not null
            ? Failed(path, problem, StartsWithDelimiter(bytes, length))
            : ParseText(Encoding.UTF8.GetString(bytes, start, length - start), 0, path);
    }

    /// <summary>
    /// The checks every file SkillRt reads passes before it is decoded (spec section 2.1): its size and
    /// valid UTF-8. Returns the problem, or null with <paramref name="start"/> past a byte order mark.
    /// </summary>
    internal static SkillDiagnostic? CheckBytes(byte[] bytes, int length, long totalLength, out int start)
    {
        start = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        if (totalLength > SkillParserLimits.MaxFileBytes)
        {
            return SkillDiagnosticDescriptors.FileTooLarge.Create(SourceSpan.At(1, 1), totalLength, SkillParserLimits.MaxFileBytes);
        }

        return CheckUtf8(bytes, start, length);
    }

    /// <summary>
    /// The UTF-8 check of spec section 2.1 on <c>bytes[start..length)</c>, located by line and column; null when
    /// the bytes are valid. Other files SkillRt reads with this parser (agent-doc.yaml) share it.
    /// </summary>
    internal static SkillDiagnostic? CheckUtf8(byte[] bytes, int start, int length)
    {
        var invalid = Utf8Scanner.FindInvalidByte(bytes, start, length);
        if (invalid >= 0)
        {
            // Everything before the bad byte is valid, so it can be decoded to find the line and column.
            var prefix = Encoding.UTF8.GetString(bytes, start, invalid - start);
            var (line, column) = LineMap.Build(prefix).GetPosition(prefix.Length);
            var span = new SourceSpan(line, column, line, column + 1);
            return SkillDiagnosticDescriptors.InvalidUtf8.Create(span, bytes[invalid].ToString("X2", System.Globalization.CultureInfo.InvariantCulture), invalid);
        }

        return null;
    }

    /// <summary>The NUL check of spec section 2.1 on decoded text from <paramref name="start"/>; null when there is none.</summary>
    internal static SkillDiagnostic? CheckNul(string text, int start)
    {
        var nul = text.IndexOf('\0', start);
        return nul < 0 ? null : SkillDiagnosticDescriptors.NulCharacter.Create(LineMap.Build(text.Substring(start)).GetSpan(nul - start, nul - start + 1));
    }

    public static SkillDocument Parse(string text, string? path)
    {
        // Cheap bound first: a string shorter than a third of the limit cannot exceed it in UTF-8.
        if (text.Length > SkillParserLimits.MaxFileBytes / 3)
        {
            var byteCount = Encoding.UTF8.GetByteCount(text);
            if (byteCount > SkillParserLimits.MaxFileBytes)
            {
                return Failed(path, SkillDiagnosticDescriptors.FileTooLarge.Create(SourceSpan.At(1, 1), byteCount, SkillParserLimits.MaxFileBytes), StartsWithDelimiter(text, text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0));
            }
        }

        return ParseText(text, text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0, path);
    }

    private static SkillDocument ParseText(string text, int start, string? path)
    {
        if (CheckNul(text, start) is { } nul)
        {
            return Failed(path, nul, StartsWithDelimiter(text, start));
        }

        if (!TryFindFrontmatter(text, start, out var frontmatterStart, out var frontmatterEnd, out var bodyStart, out var bodyLine))
        {
            return new SkillDocument(path, SkillMode.Prose, null, text, start, 1, NoDiagnostics);
        }

        if (frontmatterEnd < 0)
        {
            // Anything after an unclosed '---' is unreadable: it may be YAML or body.
            var unterminated = SkillDiagnosticDescriptors.UnterminatedFrontmatter.Create(new SourceSpan(1, 1, 1, 4), 1);
            return new SkillDocument(path, SkillMode.Structured, null, text, text.Length, bodyLine, [unterminated]);
        }

        var diagnostics = new List<SkillDiagnostic>();
        var frontmatter = YamlParser.Read(text, frontmatterStart, frontmatterEnd, firstLine: 2, diagnostics);
        return new SkillDocument(path, SkillMode.Structured, frontmatter, text, bodyStart, bodyLine, diagnostics);
    }

    /// <summary>
    /// Finds the frontmatter's YAML (from the line after the opening '---' to the start of the
    /// closing one) and where the body starts. Returns false for prose; an unclosed frontmatter gives
    /// <paramref name="frontmatterEnd"/> = -1.
    /// </summary>
    internal static bool TryFindFrontmatter(string text, int start, out int frontmatterStart, out int frontmatterEnd, out int bodyStart, out int bodyLine)
    {
        frontmatterEnd = -1;
        bodyStart = text.Length;
        bodyLine = 1;
        ReadLine(text, start, out var firstLineEnd, out var next);
        frontmatterStart = next;
        if (!IsDelimiter(text, start, firstLineEnd))
        {
            return false;
        }

        var lineNumber = 2;
        var lineStart = next;
        while (lineStart < text.Length)
        {
            ReadLine(text, lineStart, out var lineEnd, out next);
            if (IsDelimiter(text, lineStart, lineEnd))
            {
                frontmatterEnd = lineStart;
                bodyStart = next;
                bodyLine = lineNumber + 1;
                return true;
            }

            lineStart = next;
            lineNumber++;
        }

        bodyLine = lineNumber;
        return true;
    }

    // A file rejected before parsing still says which mode it was written in.
    private static SkillDocument Failed(string? path, SkillDiagnostic diagnostic, bool structured) =>
        new(path, structured ? SkillMode.Structured : SkillMode.Prose, null, string.Empty, 0, 1, [diagnostic]);

    private static bool StartsWithDelimiter(byte[] bytes, int length)
    {
        var start = length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        if (length < start + 3 || bytes[start] != '-' || bytes[start + 1] != '-' || bytes[start + 2] != '-')
        {
            return false;
        }

        // The same rule as for text: only spaces and tabs may follow on the first line.
        for (var i = start + 3; i < length && bytes[i] is not ((byte)'\n' or (byte)'\r'); i++)
        {
            if (bytes[i] is not ((byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool StartsWithDelimiter(string text, int start)
    {
        ReadLine(text, start, out var lineEnd, out _);
        return IsDelimiter(text, start, lineEnd);
    }

    private static void ReadLine(string text, int start, out int contentEnd, out int next)
    {
        var i = start;
        while (i < text.Length && text[i] != '\n' && text[i] != '\r')
        {
            i++;
        }

        contentEnd = i;
        if (i < text.Length)
        {
            i += text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
        }

        next = i;
    }

    private static bool IsDelimiter(string text, int start, int end)
    {
        while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t'))
        {
            end--;
        }

        return end - start == 3 && text[start] == '-' && text[start + 1] == '-' && text[start + 2] == '-';
    }
}
