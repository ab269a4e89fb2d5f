using System;
using System.Globalization;
using System.Text;

namespace SkillRt;

/// <summary>Plain, single-quoted, double-quoted and block (<c>|</c>, <c>&gt;</c>) scalars.</summary>
internal sealed partial class YamlParser
{
    /// <summary>
    /// A plain scalar in block context (<paramref name="flow"/> false) or inside a flow collection.
    /// It may continue on following lines: in block context those indented more than its parent, in
    /// a flow collection those indented more than the block around the collection. Line breaks fold
    /// to spaces and blank lines to newlines, as YAML specifies.
    /// </summary>
    private FrontmatterScalar ParsePlainScalar(bool flow, int parentIndent)
    {
        var start = Mark();
        StringBuilder? builder = null;
        var segmentStart = _pos;
        var segmentEnd = ScanPlainSegment(flow);
        var end = Mark();
        while (true)
        {
            // Look past the line break for a continuation line; rewind if there is none.
            var afterSegment = Mark();
            SkipSpaces();
            if (!AtLineEnd() || _pos >= _end)
            {
                Reset(afterSegment);
                break;
            }

            var continues = flow ? SkipToFlowContinuation(out var breaks) : SkipToBlockContinuation(parentIndent, out breaks);
            if (!continues)
            {
                Reset(afterSegment);
                break;
            }

            builder ??= new StringBuilder().Append(_text, segmentStart, segmentEnd - segmentStart);
            AppendFold(builder, breaks);

            segmentStart = _pos;
            segmentEnd = ScanPlainSegment(flow, continuation: !flow);
            builder.Append(_text, segmentStart, segmentEnd - segmentStart);
            end = Mark();
        }

        Reset(end);
        var value = builder?.ToString() ?? _text.Substring(segmentStart, segmentEnd - segmentStart);
        return new FrontmatterScalar(value, YamlScalars.Resolve(value), new SourceSpan(start.Line, start.Column, end.Line, end.Column));
    }

    /// <summary>Skips the line breaks and blank lines after a block plain scalar's line; true when a continuation line follows.</summary>
    private bool SkipToBlockContinuation(int parentIndent, out int breaks)
    {
        breaks = 0;
        int indent;
        while (true)
        {
            ConsumeLineBreak();
            breaks++;
            var lineStart = _pos;
            while (_pos < _end && _text[_pos] == ' ')
            {
                _pos++;
            }

            indent = _pos - lineStart;
            if (Peek() == '\t' && indent <= parentIndent && IsWhitespaceToLineEnd())
            {
                // A blank line inside a multi-line value may hold tabs only after its indentation.
                throw Syntax(HereSpan(1), "a tab on a blank line inside a multi-line value must come after the indentation; remove it");
            }

            SkipSpaces();
            if (!AtLineEnd() || _pos >= _end)
            {
                break;
            }
        }

        return _pos < _end && indent > parentIndent && Peek() != '#' && !IsDocumentEndAt(_lineStart);
    }

    /// <summary>Skips the line breaks and blank lines after a flow plain scalar's line; true when a continuation line follows.</summary>
    private bool SkipToFlowContinuation(out int breaks)
    {
        breaks = 0;
        while (AtLineEnd() && _pos < _end)
        {
            ConsumeLineBreak();
            breaks++;
            SkipSpaces();
        }

        CheckContinuationIndent();
        return _pos < _end && Peek() is not (',' or '[' or ']' or '{' or '}' or '#' or ':');
    }

    /// <summary>
    /// Scans one line of a plain scalar from the position and returns the offset after its last
    /// non-space character; the position ends there too. It stops at a comment (' #'), at the line
    /// end and, in flow context, at flow indicators.
    /// </summary>
    private int ScanPlainSegment(bool flow, bool continuation = false)
    {
        var segmentStart = _pos;
        var contentEnd = _pos;
        while (_pos < _end)
        {
            var c = _text[_pos];
            if (c is '\n' or '\r')
            {
                break;
            }

            if (c == ':' && (IsBlank(Peek(1)) || (flow && Peek(1) is ',' or '[' or ']' or '{' or '}')))
            {
                if (flow)
                {
                    break;
                }

                // On a continuation line, "key: value" is almost always a key indented one step too far.
                throw continuation
                    ? Syntax(SpanOf(segmentStart, segmentStart + 1), "this line looks like 'key: value' but is indented more than the keys above it; align it with them")
                    : Syntax(HereSpan(1), "a value cannot contain ': ' here; put the whole value in quotes, or nest the mapping on the next line");
            }

            if (c == '#' && _pos > 0 && _text[_pos - 1] is ' ' or '\t')
            {
                break;
            }

            if (flow && c is ',' or '[' or ']' or '{' or '}')
            {
                break;
            }

            _pos++;
            if (c is not (' ' or '\t'))
            {
                contentEnd = _pos;
            }
        }

        _pos = contentEnd;
        return contentEnd;
    }

    private bool IsDocumentEndAt(int lineStart) =>
        lineStart + 3 <= _end && _text[lineStart] == '.' && _text[lineStart + 1] == '.' && _text[lineStart + 2] == '.' &&
        (lineStart + 3 == _end || IsBlank(_text[lineStart + 3]));

    private FrontmatterScalar ParseSingleQuoted() => ParseQuoted('\'');

    private FrontmatterScalar ParseDoubleQuoted() => ParseQuoted('"');

    /// <summary>
    /// A quoted scalar. Single quotes escape only themselves (<c>''</c>); double quotes support the
    /// YAML escapes. Both may span lines: a line break folds to a space, blank lines to newlines.
    /// </summary>
    private FrontmatterScalar ParseQuoted(char quote)
    {
        var start = Mark();
        _pos++;
        var contentStart = _pos;
        StringBuilder? builder = null;

        // Whitespace written as an escape ("\t") is content; folding trims only literal whitespace after it.
        var escapedLength = 0;
        while (true)
        {
            if (_pos >= _end)
            {
                var what = quote == '"' ? "double-quoted" : "single-quoted";
                throw Syntax(new SourceSpan(start.Line, start.Column, start.Line, start.Column + 1), $"the {what} value that starts here is never closed with {quote}");
            }

            var c = _text[_pos];
            if (c == quote)
            {
                if (quote == '\'' && Peek(1) == '\'')
                {
                    (builder ??= Begin(contentStart)).Append('\'');
                    _pos += 2;
                    continue;
                }

                _pos++;
                break;
            }

            if (c == '\\' && quote == '"')
            {
                builder ??= Begin(contentStart);
                if (Peek(1) is '\n' or '\r')
                {
                    // An escaped line break joins the lines without a space; blank lines after it still count.
                    _pos++;
                    ConsumeLineBreak();
                    SkipSpaces();
                    while (_pos < _end && _text[_pos] is '\n' or '\r')
                    {
                        ConsumeLineBreak();
                        builder.Append('\n');
                        SkipSpaces();
                    }

                    CheckContinuationIndent();
                    escapedLength = builder.Length;
                    continue;
                }

                ReadEscape(builder);
                escapedLength = builder.Length;
                continue;
            }

            if (c is '\n' or '\r')
            {
                builder ??= Begin(contentStart);
                FoldQuotedLineBreak(builder, escapedLength, start, quote);
                escapedLength = builder.Length;
                continue;
            }

            builder?.Append(c);
            _pos++;
        }

        var value = builder?.ToString() ?? _text.Substring(contentStart, _pos - 1 - contentStart);
        return new FrontmatterScalar(value, FrontmatterScalarKind.String, SpanFrom(start, _pos));
    }

    private StringBuilder Begin(int contentStart) => new StringBuilder().Append(_text, contentStart, _pos - contentStart);

    private void FoldQuotedLineBreak(StringBuilder builder, int escapedLength, Position quoteStart, char quote)
    {
        // Spaces before a line break are not part of the value (unless they were escapes).
        while (builder.Length > escapedLength && builder[builder.Length - 1] is ' ' or '\t')
        {
            builder.Length--;
        }

        var breaks = 0;
        while (_pos < _end && _text[_pos] is '\n' or '\r')
        {
            ConsumeLineBreak();
            breaks++;
            SkipSpaces();
        }

        if (!IsContinuationIndented())
        {
            // Usually the quote was never closed and the next key follows; say that, at the quote.
            throw Syntax(
                new SourceSpan(quoteStart.Line, quoteStart.Column, quoteStart.Line, quoteStart.Column + 1),
                $"this quoted value is not closed on its line; close it with {quote}, or indent the lines it continues on");
        }

        if (IsDocumentEndAt(_lineStart) && _pos == _lineStart + 3)
        {
            throw Syntax(HereSpan(0), "a quoted value cannot contain a '...' line; close the quote first");
        }

        AppendFold(builder, breaks);
    }

    /// <summary>YAML line folding: one line break becomes a space; each further (blank) line a newline.</summary>
    private static void AppendFold(StringBuilder builder, int breaks)
    {
        if (breaks == 1)
        {
            builder.Append(' ');
        }
        else
        {
            builder.Append('\n', breaks - 1);
        }
    }

    private void ReadEscape(StringBuilder builder)
    {
        var escapeStart = _pos;
        _pos++;
        var c = Peek();
        _pos++;
        switch (c)
        {
            case '0': builder.Append('\0'); return;
            case 'a': builder.Append('\a'); return;
            case 'b': builder.Append('\b'); return;
            case 't' or '\t': builder.Append('\t'); return;
            case 'n': builder.Append('\n'); return;
            case 'v': builder.Append('\v'); return;
            case 'f': builder.Append('\f'); return;
            case 'r': builder.Append('\r'); return;
            case 'e': builder.Append('\u001B'); return;
            case ' ': builder.Append(' '); return;
            case '"': builder.Append('"'); return;
            case '/': builder.Append('/'); return;
            case '\\': builder.Append('\\'); return;
            case 'N': builder.Append('\u0085'); return;
            case '_': builder.Append('\u00A0'); return;
            case 'L': builder.Append('\u2028'); return;
            case 'P': builder.Append('\u2029'); return;
            case 'x': AppendCodePoint(builder, escapeStart, 2); return;
            case 'u': AppendCodePoint(builder, escapeStart, 4); return;
            case 'U': AppendCodePoint(builder, escapeStart, 8); return;
            default:
                throw Syntax(SpanOf(escapeStart, _pos), $"'\\{c}' is not a YAML escape; write '\\\\' for a backslash");
        }
    }

    private void AppendCodePoint(StringBuilder builder, int escapeStart, int digits)
    {
        // Parsed as long: as an int, "FFFFFFFF" would be -1 and pass the range check.
        if (_pos + digits > _end ||
            !long.TryParse(_text.Substring(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var codePoint) ||
            codePoint is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF))
        {
            throw Syntax(SpanOf(escapeStart, _pos), $"'\\{_text[escapeStart + 1]}' needs {digits} hexadecimal digits of a valid code point");
        }

        _pos += digits;
        builder.Append(char.ConvertFromUtf32((int)codePoint));
    }

    /// <summary>
    /// A literal (<c>|</c>) or folded (<c>&gt;</c>) block scalar with optional chomping (<c>-</c>,
    /// <c>+</c>) and indentation (1-9) indicators. Ends at the start of the first line that is not part of it.
    /// </summary>
    private FrontmatterScalar ParseBlockScalar(int parentIndent)
    {
        var start = Mark();
        var folded = Peek() == '>';
        _pos++;
        var chomping = '\0';
        var indicator = 0;
        for (var i = 0; i < 2; i++)
        {
            var c = Peek();
            if (c is '-' or '+' && chomping == '\0')
            {
                chomping = c;
                _pos++;
            }
            else if (c is >= '1' and <= '9' && indicator == 0)
            {
                indicator = c - '0';
                _pos++;
            }
        }

        var headerEnd = _pos;
        SkipSpaces();
        if (Peek() == '#' && _pos > headerEnd)
        {
            SkipToLineEnd();
        }

        if (!AtLineEnd())
        {
            throw Syntax(HereSpan(1), "unexpected text after a block scalar indicator; the value starts on the next line");
        }

        var end = new SourceSpan(start.Line, start.Column, _line, headerEnd - _lineStart + 1);
        ConsumeLineBreak();

        var baseIndent = parentIndent < 0 ? 0 : parentIndent;
        var contentIndent = indicator > 0 ? baseIndent + indicator : DetectBlockIndent(parentIndent);
        var builder = new StringBuilder();
        var emptyLines = 0;
        var previousMoreIndented = false;
        var hasContent = false;
        while (_pos < _end)
        {
            var lineStart = _pos;
            var spaces = 0;
            while (_pos < _end && _text[_pos] == ' ' && spaces < contentIndent)
            {
                _pos++;
                spaces++;
            }

            if (spaces < contentIndent && Peek() == '\t')
            {
                throw Syntax(HereSpan(1), "a tab cannot indent a block scalar's lines; indent with spaces");
            }

            if (AtLineEnd())
            {
                if (_pos >= _end && _pos == lineStart)
                {
                    break;
                }

                emptyLines++;
                ConsumeLineBreak();
                continue;
            }

            if (spaces < contentIndent || contentIndent <= parentIndent || IsDocumentEndAt(lineStart))
            {
                _pos = lineStart;
                break;
            }

            var textStart = _pos;
            SkipToLineEnd();
            var moreIndented = _text[textStart] is ' ' or '\t';
            if (hasContent)
            {
                if (folded && !moreIndented && !previousMoreIndented)
                {
                    if (emptyLines == 0)
                    {
                        builder.Append(' ');
                    }
                    else
                    {
                        builder.Append('\n', emptyLines);
                    }
                }
                else
                {
                    builder.Append('\n', emptyLines + 1);
                }
            }
            else
            {
                builder.Append('\n', emptyLines);
            }

            builder.Append(_text, textStart, _pos - textStart);
            end = new SourceSpan(start.Line, start.Column, _line, _pos - _lineStart + 1);
            hasContent = true;
            previousMoreIndented = moreIndented;
            emptyLines = 0;
            ConsumeLineBreak();
        }

        // Chomping: strip drops the final line break, clip keeps one, keep keeps the trailing blank lines too.
        if (chomping != '-' && (hasContent || chomping == '+'))
        {
            if (hasContent)
            {
                builder.Append('\n');
            }

            if (chomping == '+')
            {
                builder.Append('\n', emptyLines);
            }
        }

        return new FrontmatterScalar(builder.ToString(), FrontmatterScalarKind.String, end);
    }

    private bool IsWhitespaceToLineEnd()
    {
        for (var i = _pos; i < _end; i++)
        {
            var c = _text[i];
            if (c is '\n' or '\r')
            {
                return true;
            }

            if (c is not (' ' or '\t'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The indentation of the first non-empty line of a block scalar (YAML's auto-detection).</summary>
    private int DetectBlockIndent(int parentIndent)
    {
        var i = _pos;
        var blankIndent = 0;
        var blankLine = _line;
        var line = _line;
        while (i < _end)
        {
            var lineStart = i;
            while (i < _end && _text[i] == ' ')
            {
                i++;
            }

            var indent = i - lineStart;
            while (i < _end && _text[i] is ' ' or '\t')
            {
                i++;
            }

            if (i < _end && _text[i] is not ('\n' or '\r'))
            {
                if (indent <= parentIndent)
                {
                    // The scalar has no content line; its blank lines decide the indentation.
                    break;
                }

                if (blankIndent > indent)
                {
                    throw Syntax(SourceSpan.At(blankLine, blankIndent + 1), "a blank line at the start of a block scalar is indented more than its first line; remove the extra spaces");
                }

                return indent;
            }

            if (indent > blankIndent)
            {
                blankIndent = indent;
                blankLine = line;
            }

            line++;

            while (i < _end && _text[i] is '\n' or '\r')
            {
                i++;
                if (i < _end && _text[i - 1] == '\r' && _text[i] == '\n')
                {
                    i++;
                }

                break;
            }
        }

        // No line has content: YAML takes the longest blank line's indentation, so every line is empty.
        return Math.Max(blankIndent, parentIndent + 1);
    }
}
