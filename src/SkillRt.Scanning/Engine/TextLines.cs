using System;
using System.Collections.Generic;

namespace SkillRt.Scanning.Engine;

/// <summary>Where each line of a text starts, to turn a character index into a 1-based line number.</summary>
internal sealed class TextLines
{
    private readonly int[] _starts;

    public TextLines(string text)
    {
        Text = text;
        var starts = new List<int>(text.Length / 40 + 1) { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            // \n, \r\n and a lone \r end a line, as editors count them.
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        _starts = starts.ToArray();
    }

    public string Text { get; }

    public int Count => _starts.Length;

    /// <summary>The 1-based line holding character <paramref name="index"/>.</summary>
    public int LineOf(int index)
    {
        var found = Array.BinarySearch(_starts, index);
        return (found >= 0 ? found : ~found - 1) + 1;
    }

    /// <summary>Where 1-based line <paramref name="line"/> starts.</summary>
    public int StartOf(int line) => _starts[line - 1];

    /// <summary>Line <paramref name="line"/> (1-based), without its line break.</summary>
    public string Line(int line)
    {
        var start = _starts[line - 1];
        var end = line < _starts.Length ? _starts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return Text.Substring(start, end - start);
    }
}
