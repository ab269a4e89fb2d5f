namespace SkillRt;

/// <summary>Moving through the text and turning positions into spans.</summary>
internal sealed partial class YamlParser
{
    /// <summary>A saved place in the text, enough to rewind to it or to start a span there.</summary>
    private readonly struct Position
    {
        public Position(int offset, int line, int lineStart)
        {
            Offset = offset;
            Line = line;
            LineStart = lineStart;
        }

        public int Offset { get; }

        public int Line { get; }

        public int LineStart { get; }

        public int Column => Offset - LineStart + 1;
    }

    private Position Mark() => new(_pos, _line, _lineStart);

    private void Reset(Position position)
    {
        _pos = position.Offset;
        _line = position.Line;
        _lineStart = position.LineStart;
    }

    private char Peek() => _pos < _end ? _text[_pos] : '\0';

    private char Peek(int ahead) => _pos + ahead < _end ? _text[_pos + ahead] : '\0';

    private static bool IsBlank(char c) => c is ' ' or '\t' or '\n' or '\r' or '\0';

    private bool AtLineEnd() => _pos >= _end || _text[_pos] is '\n' or '\r';

    private void SkipSpaces()
    {
        while (_pos < _end && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private void SkipToLineEnd()
    {
        while (_pos < _end && _text[_pos] is not ('\n' or '\r'))
        {
            _pos++;
        }
    }

    private void SkipSpacesAndComment()
    {
        SkipSpaces();
        if (Peek() == '#')
        {
            SkipToLineEnd();
        }
    }

    /// <summary>Steps over one line break (LF, CRLF or CR), if the position is on one.</summary>
    private void ConsumeLineBreak()
    {
        if (_pos >= _end)
        {
            return;
        }

        if (_text[_pos] == '\r')
        {
            _pos++;
            if (_pos < _end && _text[_pos] == '\n')
            {
                _pos++;
            }
        }
        else if (_text[_pos] == '\n')
        {
            _pos++;
        }
        else
        {
            return;
        }

        _line++;
        _lineStart = _pos;
    }

    /// <summary>
    /// On a continuation line of a flow collection or quoted scalar (position after its leading
    /// whitespace): the line must be indented more than the block node that holds the value.
    /// </summary>
    private void CheckContinuationIndent()
    {
        if (!IsContinuationIndented())
        {
            throw Syntax(HereSpan(1), $"this continuation line must be indented more than {_blockIndent} spaces, like the value it continues (a closing bracket too)");
        }
    }

    private bool IsContinuationIndented()
    {
        var spaces = 0;
        while (_lineStart + spaces < _pos && _text[_lineStart + spaces] == ' ')
        {
            spaces++;
        }

        return spaces > _blockIndent || AtLineEnd();
    }

    /// <summary>A span on the current line, from the position to <paramref name="length"/> characters later.</summary>
    private SourceSpan HereSpan(int length) => SpanOf(_pos, _pos + length);

    /// <summary>A span between two offsets on the current line.</summary>
    private SourceSpan SpanOf(int start, int end) =>
        new(_line, start - _lineStart + 1, _line, end - _lineStart + 1);

    /// <summary>A span from a saved position to an offset on the current line.</summary>
    private SourceSpan SpanFrom(Position start, int end) =>
        new(start.Line, start.Column, _line, end - _lineStart + 1);

    /// <summary>Past a quoted scalar that closes on this line, or -1 if it does not.</summary>
    private int SkipQuotedOnLine(int start, char quote)
    {
        for (var i = start + 1; i < _end; i++)
        {
            var c = _text[i];
            if (c is '\n' or '\r')
            {
                return -1;
            }

            if (quote == '"' && c == '\\')
            {
                i++;
            }
            else if (c == quote)
            {
                if (quote == '\'' && i + 1 < _end && _text[i + 1] == '\'')
                {
                    i++;
                    continue;
                }

                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>Past a flow collection that closes on this line, or -1 if it does not.</summary>
    private int SkipFlowOnLine(int start)
    {
        var depth = 0;
        for (var i = start; i < _end; i++)
        {
            var c = _text[i];
            switch (c)
            {
                case '\n' or '\r':
                    return -1;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                case '"' or '\'':
                    i = SkipQuotedOnLine(i, c);
                    if (i < 0)
                    {
                        return -1;
                    }

                    i--;
                    break;
            }
        }

        return -1;
    }
}
