using System;
using Microsoft.CodeAnalysis.Text;

namespace SkillRt.Generators;

/// <summary>
/// Turns SkillRt's one-based line/column spans into Roslyn locations in one SKILL.md. SkillRt breaks
/// lines at LF, CR and CRLF only, Roslyn also at U+2028, U+2029 and NEL; going through character
/// offsets puts the squiggle on the right text either way.
/// </summary>
internal sealed class SourceLocator
{
    private readonly string _path;
    private readonly string _content;
    private readonly SourceText _text;
    private LineMap? _lines;

    public SourceLocator(string path, string content, SourceText text)
    {
        _path = path;
        _content = content;
        _text = text;
    }

    public DiagnosticLocation Locate(SourceSpan span)
    {
        _lines ??= LineMap.Build(_content);
        var start = ToOffset(span.StartLine, span.StartColumn);
        var end = Math.Max(start, ToOffset(span.EndLine, span.EndColumn));
        var textSpan = TextSpan.FromBounds(start, end);
        return new DiagnosticLocation(_path, textSpan, _text.Lines.GetLinePositionSpan(textSpan));
    }

    private int ToOffset(int line, int column) =>
        line > _lines!.LineCount ? _content.Length : Math.Min(_content.Length, _lines.LineStart(line) + Math.Max(0, column - 1));
}
