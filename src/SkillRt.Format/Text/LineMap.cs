using System.Collections.Generic;

namespace SkillRt;

/// <summary>
/// Maps character offsets in a text to one-based lines and columns. Line breaks are LF, CRLF and
/// lone CR, which is what YAML counts too, so positions agree with the YAML parser's.
/// </summary>
internal sealed class LineMap
{
    private readonly List<int> _lineStarts;

    private LineMap(List<int> lineStarts) => _lineStarts = lineStarts;

    public static LineMap Build(string text)
    {
        var starts = new List<int>(text.Length / 32 + 1) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                starts.Add(i + 1);
            }
            else if (c == '\r')
            {
                if (i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                starts.Add(i + 1);
            }
        }

        return new LineMap(starts);
    }

    public int LineCount => _lineStarts.Count;

    public int LineStart(int line) => _lineStarts[line - 1];

    public (int Line, int Column) GetPosition(int offset)
    {
        var low = 0;
        var high = _lineStarts.Count - 1;
        while (low < high)
        {
            var mid = (low + high + 1) >> 1;
            if (_lineStarts[mid] <= offset)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        return (low + 1, offset - _lineStarts[low] + 1);
    }

    public SourceSpan GetSpan(int start, int end)
    {
        var (startLine, startColumn) = GetPosition(start);
        var (endLine, endColumn) = GetPosition(end);
        return new SourceSpan(startLine, startColumn, endLine, endColumn);
    }
}
