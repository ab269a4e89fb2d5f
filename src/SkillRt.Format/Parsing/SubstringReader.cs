using System;
using System.IO;

namespace SkillRt;

/// <summary>Reads a range of a string without copying it, so YAML parsing does not duplicate the frontmatter.</summary>
internal sealed class SubstringReader : TextReader
{
    private readonly string _text;
    private readonly int _end;
    private int _position;

    public SubstringReader(string text, int start, int end)
    {
        _text = text;
        _position = start;
        _end = end;
    }

    public override int Peek() => _position < _end ? _text[_position] : -1;

    public override int Read() => _position < _end ? _text[_position++] : -1;

    public override int Read(char[] buffer, int index, int count)
    {
        var n = Math.Min(count, _end - _position);
        if (n <= 0)
        {
            return 0;
        }

        _text.CopyTo(_position, buffer, index, n);
        _position += n;
        return n;
    }
}
